import type { Profile, SavedMessage } from '../lib/profiles/profile';
import { suggestMessageName } from '../lib/profiles/message-name';
import { barProfile } from './profile-editors.svelte';
import type { ComposerState } from './composer.svelte';
import type { ConnectionBarState } from './connection-bar.svelte';
import type { ProfilesState } from './profiles.svelte';

type Profiles = Pick<ProfilesState, 'activeId' | 'find' | 'saveCurrent' | 'addMessage' | 'error'>;
type Composer = Pick<ComposerState, 'body' | 'format' | 'savableFormat'>;

/** Where a message was saved, for the confirmation. */
export interface SavedInto {
  message: string;
  profile: string;
  /** The profile was made for it from the connection bar. */
  created: boolean;
}

/**
 * Saved messages as the composer offers them: the profile in use's, listed beside History, and the message being
 * written saved into them under a name. With no profile in use the message goes into a new profile made from the
 * connection bar (as `Save profile` makes it), since a saved message lives in a profile.
 */
export class ComposerSavedMessages {
  readonly #profiles: Profiles;
  readonly #composer: Composer;
  readonly #bar: Pick<ConnectionBarState, 'profile' | 'url'>;

  constructor(profiles: Profiles, composer: Composer, bar: Pick<ConnectionBarState, 'profile' | 'url'>) {
    this.#profiles = profiles;
    this.#composer = composer;
    this.#bar = bar;
  }

  /** The profile in use: the active one, unless the bar points at another server (see barProfile). */
  get profile(): Profile | null {
    return barProfile(this.#profiles, this.#bar);
  }
  get messages(): readonly SavedMessage[] {
    return this.profile?.messages ?? [];
  }

  /** Why the box cannot be saved as it is, or null. */
  get refusal(): string | null {
    if (this.#composer.body.trim() === '') return 'Write a message first: an empty box is not saved.';
    if (this.#composer.savableFormat === null) {
      return 'A message in a protocol format cannot be saved: saved messages are Text, JSON, Hex or Base64.';
    }
    return null;
  }

  /** The name offered: the message's `type`, `op` or `event`, or its first line, not yet taken in the profile. */
  suggestedName(): string {
    return suggestMessageName(
      this.#composer.body,
      this.messages.map((message) => message.name),
    );
  }

  /** Saves the box under `name` (the suggestion when blank); returns where, or the reason it was not saved. */
  async save(name: string): Promise<SavedInto | { error: string }> {
    const format = this.#composer.savableFormat;
    const refusal = this.refusal;
    if (refusal !== null || format === null) return { error: refusal ?? '' };
    const messageName = name.trim() || this.suggestedName();
    const created = this.profile === null;
    if (created) await this.#profiles.saveCurrent();
    // A new profile is the active one, even while the bar's {{names}} it holds are not defined yet.
    const id = this.#profiles.activeId;
    const target = created ? (id === null ? undefined : this.#profiles.find(id)) : this.profile;
    if (!target) return { error: this.#profiles.error ?? 'No profile could be made to hold the message.' };
    const before = target.messages.length;
    await this.#profiles.addMessage(target.id, this.#composer.body, format, messageName);
    const saved = (this.#profiles.find(target.id)?.messages.length ?? 0) > before;
    if (!saved) return { error: this.#profiles.error ?? 'The message was not saved.' };
    return { message: messageName, profile: target.name, created };
  }

  /** Puts a saved message in the box, as History does with a sent one. */
  load(message: SavedMessage): void {
    this.#composer.body = message.body;
    this.#composer.format = message.format;
  }
}
