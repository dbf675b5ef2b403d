/**
 * The colour theme: the system's (`prefers-color-scheme`) unless the person picked light or dark, which is
 * remembered. The stylesheet does the rest: its colours are `light-dark()` pairs, and `color-scheme` on the root
 * element picks one side, so a theme is one attribute and no second list of colours.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const STORAGE_KEY = 'wsi.theme';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return THEME_CHOICES.includes(value as ThemeChoice);
}

/** The remembered choice; 'system' when none, or when storage is unavailable or holds something else. */
export function storedTheme(storage: Pick<Storage, 'getItem'>): ThemeChoice {
  try {
    const value = storage.getItem(STORAGE_KEY);
    return isThemeChoice(value) ? value : 'system';
  } catch {
    // Storage can be refused (privacy settings); the system's theme is then the answer.
    return 'system';
  }
}

/** Shows `choice` on `root` (the document element): `data-theme` is what the stylesheet reads. */
export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

/** Remembers and shows `choice`. */
export function chooseTheme(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  root: HTMLElement,
  choice: ThemeChoice,
): void {
  try {
    if (choice === 'system') storage.removeItem(STORAGE_KEY);
    else storage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered, but still shown for this visit.
  }
  applyTheme(root, choice);
}
