import { describe, expect, it } from 'vitest';
import { applyTheme, chooseTheme, storedTheme } from '../../../../src/lib/display/theme';
import { memoryStorage } from '../../fakes/memory-storage';

/** What applyTheme touches of the document element. */
function fakeRoot() {
  return { dataset: {} as Record<string, string> } as unknown as HTMLElement;
}

describe('theme', () => {
  it('follows the system until the person picks one', () => {
    expect(storedTheme(memoryStorage())).toBe('system');
    expect(storedTheme(memoryStorage({ 'wsi.theme': 'light' }))).toBe('light');
  });

  it('ignores a stored value it does not know, and storage that throws', () => {
    expect(storedTheme(memoryStorage({ 'wsi.theme': 'sepia' }))).toBe('system');
    const refusing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(storedTheme(refusing)).toBe('system');
  });

  it('remembers a pick and marks the root; going back to the system forgets it', () => {
    const storage = memoryStorage();
    const root = fakeRoot();
    chooseTheme(storage, root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    expect(storedTheme(storage)).toBe('dark');
    chooseTheme(storage, root, 'system');
    expect(root.dataset.theme).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('still shows a pick it cannot store', () => {
    const root = fakeRoot();
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    chooseTheme(full, root, 'light');
    expect(root.dataset.theme).toBe('light');
    applyTheme(root, 'system');
    expect(root.dataset.theme).toBeUndefined();
  });
});
