import type { Profile } from '../lib/profiles/profile';
import type { ConnectionBarState } from './connection-bar.svelte';
import type { ProfilesState } from './profiles.svelte';

/** Which of a profile's editors its dialog shows. */
export type ProfileEditorKind = 'settings' | 'messages';

export interface ProfileDialogRequest {
  profileId: string;
  kind: ProfileEditorKind;
  /** A variable the settings add (unless there) and focus: "Unknown variable {{x}}" sent the person to define x. */
  variable: string | null;
}

/**
 * The Profiles section's editors, opened from its entries or from elsewhere (an "Unknown variable" error offers to
 * define the name): at most one profile dialog, since it is modal, and the environment editor.
 */
export class ProfileEditorsState {
  #dialog = $state.raw<ProfileDialogRequest | null>(null);
  #environmentOpen = $state(false);
  #environmentVariable = $state<string | null>(null);

  get dialog(): ProfileDialogRequest | null {
    return this.#dialog;
  }
  /** The dialog of this profile, if it is the one open. */
  dialogFor(profileId: string): ProfileDialogRequest | null {
    return this.#dialog?.profileId === profileId ? this.#dialog : null;
  }
  openDialog(profileId: string, kind: ProfileEditorKind, variable: string | null = null): void {
    this.#dialog = { profileId, kind, variable };
  }
  closeDialog(): void {
    this.#dialog = null;
  }

  get environmentOpen(): boolean {
    return this.#environmentOpen;
  }
  set environmentOpen(open: boolean) {
    this.#environmentOpen = open;
    if (!open) this.#environmentVariable = null;
  }
  /** Opens the environment editor, which adds the variable to the environment in use and focuses it. */
  defineInEnvironment(variable: string): void {
    this.#environmentOpen = true;
    this.#environmentVariable = variable;
  }
  /** The variable the environment editor is to add, handed over once. */
  takeEnvironmentVariable(): string | null {
    const variable = this.#environmentVariable;
    if (variable !== null) this.#environmentVariable = null;
    return variable;
  }
}

const editors = new WeakMap<object, ProfileEditorsState>();

/** The editors of one page's profiles (their ProfilesState is the key): the sidebar and the errors share them. */
export function profileEditorsFor(profiles: object): ProfileEditorsState {
  let state = editors.get(profiles);
  if (!state) editors.set(profiles, (state = new ProfileEditorsState()));
  return state;
}

/**
 * The profile a bar is using, for saving into it or defining its variables: the active one, unless the bar points
 * at another server (the bar's `profile`). A URL that cannot be read for want of a variable points nowhere yet: it
 * is still the profile's while it is the profile's own URL, so a message or a variable goes there, not into a copy.
 */
export function barProfile(
  profiles: Pick<ProfilesState, 'activeId' | 'find'>,
  bar: Pick<ConnectionBarState, 'profile' | 'url'>,
): Profile | null {
  const active = profiles.activeId === null ? undefined : profiles.find(profiles.activeId);
  if (active === undefined) return null;
  return bar.profile !== null || active.url === bar.url.trim() ? active : null;
}
