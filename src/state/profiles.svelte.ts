import { newId } from '../lib/ids';
import type { ProfilesDb } from '../lib/persist/profiles-db';
import type { MessageFormat } from '../lib/compose/message';
import type { Profile, SavedMessage } from '../lib/profiles/profile';
import {
  defaultMessageName,
  defaultProfileName,
  matchesSearch,
  moveItem,
  sortProfiles,
} from '../lib/profiles/profile';
import { resolveVariables } from '../lib/profiles/environments';
import type { ConnectionBarState, ProfileInUse } from './connection-bar.svelte';
import type { DecodingState } from './decoding.svelte';
import type { EnvironmentsState } from './environments.svelte';
import { ErrorSlot } from './error-slot.svelte';

/** Saved connection profiles: saving the bar, loading a profile into it, connecting in one click. */
export class ProfilesState {
  #list = $state.raw<Profile[]>([]);
  #query = $state('');
  readonly #errors = new ErrorSlot();
  /** The profile in use: the last one loaded, connected with or saved. Its variables fill in {{name}}. */
  #activeId = $state<string | null>(null);
  readonly #db: ProfilesDb;
  /** The bar a profile is loaded into: the panel in front. */
  readonly #bar: () => ConnectionBarState;
  readonly #decodings = new WeakMap<ConnectionBarState, Pick<DecodingState, 'choice' | 'setChoice'>>();
  /** The shared variable sets, once loaded (environments.svelte.ts): the active one fills what a profile leaves. */
  #environments = $state.raw<Pick<EnvironmentsState, 'activeVariables' | 'secretVariables'> | null>(null);
  /**
   * Writes go one at a time, each reading the profile when its turn comes: two quick edits (move a message up,
   * then save its new name) would otherwise both start from the list before either was stored, and the second
   * would write back the order the first had changed.
   */
  #writes: Promise<void> = Promise.resolve();

  /** The profiles to show: matching the search, most recently used first. */
  readonly visible = $derived(sortProfiles(this.#list).filter((p) => matchesSearch(p, this.#query)));

  constructor(db: ProfilesDb, bar: () => ConnectionBarState) {
    this.#db = db;
    this.#bar = bar;
  }

  get all(): readonly Profile[] {
    return this.#list;
  }
  get count(): number {
    return this.#list.length;
  }
  get query(): string {
    return this.#query;
  }
  set query(value: string) {
    this.#query = value;
  }
  get error(): string | null {
    return this.#errors.message;
  }
  get activeId(): string | null {
    return this.#activeId;
  }
  /** The profile in use, as the connection bar needs it (the bar itself checks that it points at its origin). */
  get inUse(): ProfileInUse | null {
    const active = this.#list.find((p) => p.id === this.#activeId);
    if (!active) return null;
    return {
      name: active.name,
      url: active.url,
      // The profile's own variables win over the environment's.
      ...resolveVariables(active.variables, this.#environments?.activeVariables ?? []),
      sendOnOpen: active.messages.filter((m) => m.sendOnOpen).map(({ body, format }) => ({ body, format })),
      reconnect: active.reconnect,
    };
  }
  /** A panel's `Decode as`, by its bar: a profile loaded into the bar brings its choice, one saved keeps it. */
  attachDecoding(bar: ConnectionBarState, decoding: Pick<DecodingState, 'choice' | 'setChoice'>): void {
    this.#decodings.set(bar, decoding);
  }
  /** One profile, for the editors. */
  find(id: string): Profile | undefined {
    return this.#list.find((p) => p.id === id);
  }

  attachEnvironments(environments: Pick<EnvironmentsState, 'activeVariables' | 'secretVariables'>): void {
    this.#environments = environments;
  }

  /** Every variable marked secret, in any profile or environment: a recorded session may hold any of them. */
  get secretVariables(): { name: string; value: string }[] {
    return this.#list
      .flatMap((p) => p.variables.filter((v) => v.secret).map(({ name, value }) => ({ name, value })))
      .concat(this.#environments?.secretVariables ?? []);
  }

  async load(): Promise<void> {
    await this.#errors.attempt('Reading the saved profiles failed', async () => {
      this.#list = await this.#db.list();
    });
  }

  /** Saves what the connection bar holds as a new profile named after its host and path. */
  async saveCurrent(): Promise<void> {
    const now = Date.now();
    const { url, protocolsText, binaryType } = this.#bar();
    const active = this.#list.find((p) => p.id === this.#activeId);
    const id = newId(now);
    await this.save({
      id,
      name: defaultProfileName(url),
      url: url.trim(),
      protocols: protocolsText,
      binaryType,
      createdAt: now,
      lastUsedAt: now,
      // The bar may hold {{names}} of the profile in use: the new one keeps their values.
      variables: active ? active.variables.map((variable) => ({ ...variable })) : [],
      messages: [],
      notes: '',
      reconnect: active?.reconnect ?? false,
      decodeAs: this.#decodings.get(this.#bar())?.choice ?? 'auto',
      ...this.#bar().agent.settings,
    });
    this.#activeId = id;
  }

  /** Loads a profile into the connection bar. */
  async activate(id: string): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return;
    const bar = this.#bar();
    bar.url = profile.url;
    bar.protocolsText = profile.protocols;
    bar.binaryType = profile.binaryType;
    this.#decodings.get(bar)?.setChoice(profile.decodeAs ?? 'auto');
    bar.agent.load(profile);
    this.#activeId = id;
    await this.update(id, (stored) => ({ ...stored, lastUsedAt: Date.now() }));
  }

  /** Loads a profile and connects with it; a connection already open is closed first. */
  async connect(id: string): Promise<void> {
    await this.activate(id);
    this.#bar().connectWhenClosed();
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (trimmed) await this.update(id, (profile) => ({ ...profile, name: trimmed }));
  }

  async updateSettings(
    id: string,
    settings: Pick<Profile, 'variables' | 'notes' | 'reconnect' | 'folder'>,
  ): Promise<void> {
    await this.update(id, (profile) => ({ ...profile, ...settings }));
  }

  async addMessage(id: string, body: string, format: MessageFormat, name?: string): Promise<void> {
    const message = { id: newId(), name: name ?? defaultMessageName(body), format, body, sendOnOpen: false };
    await this.#editMessages(id, (messages) => [...messages, message]);
  }

  async updateMessage(id: string, message: SavedMessage): Promise<void> {
    await this.#editMessages(id, (messages) => messages.map((m) => (m.id === message.id ? message : m)));
  }

  async removeMessage(id: string, messageId: string): Promise<void> {
    await this.#editMessages(id, (messages) => messages.filter((m) => m.id !== messageId));
  }

  async moveMessage(id: string, index: number, delta: number): Promise<void> {
    await this.#editMessages(id, (messages) => moveItem(messages, index, delta));
  }

  async #editMessages(id: string, change: (messages: SavedMessage[]) => SavedMessage[]): Promise<void> {
    await this.update(id, (profile) => ({ ...profile, messages: change(profile.messages) }));
  }

  async duplicate(id: string): Promise<void> {
    await this.#inTurn(async () => {
      const profile = this.find(id);
      if (!profile) return;
      const now = Date.now();
      await this.#store({ ...profile, id: newId(now), name: `${profile.name} (copy)`, createdAt: now });
    });
  }

  async delete(id: string): Promise<void> {
    // In turn, so that a write started before the delete cannot bring the profile back.
    await this.#inTurn(async () => {
      await this.#errors.attempt('Deleting the profile failed', async () => {
        await this.#db.delete(id);
        this.#list = this.#list.filter((p) => p.id !== id);
        if (this.#activeId === id) this.#activeId = null;
      });
    });
  }

  /** Stores a profile, new or whole, and lists it. */
  async save(profile: Profile): Promise<void> {
    await this.#inTurn(() => this.#store(profile));
  }

  /** Changes a stored profile, as it stands once the writes before this one are done; a deleted one stays deleted. */
  async update(id: string, change: (profile: Profile) => Profile): Promise<void> {
    await this.#inTurn(async () => {
      const profile = this.find(id);
      if (profile) await this.#store(change(profile));
    });
  }

  #inTurn(write: () => Promise<void>): Promise<void> {
    const turn = this.#writes.then(write);
    // A failed write is reported by #store; the next one still gets its turn.
    this.#writes = turn.catch(() => undefined);
    return turn;
  }

  async #store(profile: Profile): Promise<void> {
    await this.#errors.attempt('Saving the profile failed', async () => {
      await this.#db.put(profile);
      this.#list = [...this.#list.filter((p) => p.id !== profile.id), profile];
    });
  }
}
