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
