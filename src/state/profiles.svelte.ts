import { newId } from '../lib/persist/ids';
import type { ProfilesDb } from '../lib/persist/profiles-db';
import type { MessageFormat } from '../lib/compose/message';
import type { Profile, SavedMessage } from '../lib/profiles/profile';
import {
  defaultMessageName,
  defaultProfileName,
  matchesSearch,
  moveItem,
  sortProfiles,
  variableValues,
} from '../lib/profiles/profile';
import type { ConnectionController } from './connection.svelte';
import { ErrorSlot } from './error-slot.svelte';

/** Saved connection profiles: saving the bar, loading a profile into it, connecting in one click. */
export class ProfilesState {
  #list = $state.raw<Profile[]>([]);
  #query = $state('');
  readonly #errors = new ErrorSlot();
  /** What the last import did, in a sentence. */
  #importNotice = $state<string | null>(null);
  /** The profile in use: the last one loaded, connected with or saved. Its variables fill in {{name}}. */
  #activeId = $state<string | null>(null);
  readonly #db: ProfilesDb;
  readonly #connection: ConnectionController;

  /** The profiles to show: matching the search, most recently used first. */
  readonly visible = $derived(sortProfiles(this.#list).filter((p) => matchesSearch(p, this.#query)));

  constructor(db: ProfilesDb, connection: ConnectionController) {
    this.#db = db;
    this.#connection = connection;
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
  get importNotice(): string | null {
    return this.#importNotice;
  }
  get activeId(): string | null {
    return this.#activeId;
  }
  /** The active profile's messages to send as soon as a connection opens, in order. */
  get messagesOnOpen(): SavedMessage[] {
    return this.#list.find((p) => p.id === this.#activeId)?.messages.filter((m) => m.sendOnOpen) ?? [];
  }
  /** Whether the profile in use asks to connect again after an unexpected close. */
  get activeReconnects(): boolean {
    return this.#list.find((p) => p.id === this.#activeId)?.reconnect ?? false;
  }
  /** The values `{{name}}` stands for right now: the profile in use's variables. */
  get activeValues(): Record<string, string> {
    const active = this.#list.find((p) => p.id === this.#activeId);
    return active ? variableValues(active.variables) : {};
  }

  /** Every variable marked secret, in any profile: a recorded session may hold any of them. */
  get secretVariables(): { name: string; value: string }[] {
    return this.#list.flatMap((p) =>
      p.variables.filter((v) => v.secret).map(({ name, value }) => ({ name, value })),
    );
  }

  async load(): Promise<void> {
    await this.#errors.attempt('Reading the saved profiles failed', async () => {
      this.#list = await this.#db.list();
    });
  }

  /** Saves what the connection bar holds as a new profile named after its host and path. */
  async saveCurrent(): Promise<void> {
    const now = Date.now();
    const { url, protocolsText, binaryType } = this.#connection;
    const active = this.#list.find((p) => p.id === this.#activeId);
    const id = newId(now);
    await this.#store({
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
    });
    this.#activeId = id;
  }

  /** Loads a profile into the connection bar. */
  async activate(id: string): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return;
    this.#connection.url = profile.url;
    this.#connection.protocolsText = profile.protocols;
    this.#connection.binaryType = profile.binaryType;
    this.#activeId = id;
    await this.#store({ ...profile, lastUsedAt: Date.now() });
  }

  /** Loads a profile and connects with it; a connection already open is closed first. */
  async connect(id: string): Promise<void> {
    await this.activate(id);
    if (this.#connection.isActive) this.#connection.disconnect();
    this.#connection.connectWhenClosed();
  }

  async rename(id: string, name: string): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    const trimmed = name.trim();
    if (profile && trimmed) await this.#store({ ...profile, name: trimmed });
  }

  async updateSettings(
    id: string,
    settings: Pick<Profile, 'variables' | 'notes' | 'reconnect'>,
  ): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (profile) await this.#store({ ...profile, ...settings });
  }

  async addMessage(id: string, body: string, format: MessageFormat): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return;
    const message: SavedMessage = {
      id: newId(),
      name: defaultMessageName(body),
      format,
      body,
      sendOnOpen: false,
    };
    await this.#store({ ...profile, messages: [...profile.messages, message] });
  }

  async updateMessage(id: string, message: SavedMessage): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return;
    await this.#store({
      ...profile,
      messages: profile.messages.map((m) => (m.id === message.id ? message : m)),
    });
  }

  async removeMessage(id: string, messageId: string): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return;
    await this.#store({ ...profile, messages: profile.messages.filter((m) => m.id !== messageId) });
  }

  async moveMessage(id: string, index: number, delta: number): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return;
    await this.#store({ ...profile, messages: moveItem(profile.messages, index, delta) });
  }

  /** Every profile as a file; secret variable values only when asked. */
  async exportFile(includeSecrets: boolean): Promise<string> {
    // The file formats load when first used: they are not needed for the first screen.
    const { exportProfiles } = await import('../lib/profiles/profile-file');
    return exportProfiles(sortProfiles(this.#list), includeSecrets);
  }

  /** Adds the profiles of a WS Inspector or Insomnia file beside the ones there are; nothing stored is changed. */
  async importFile(text: string): Promise<void> {
    const { importProfiles } = await import('../lib/profiles/profile-file');
    const imported = importProfiles(text);
    if (!imported.ok) {
      this.#importNotice = `Nothing imported: ${imported.error}`;
      return;
    }
    const now = Date.now();
    for (const profile of imported.value.profiles) {
      await this.#store({ ...profile, id: newId(now), createdAt: now, lastUsedAt: 0 });
    }
    const { profiles, source, skipped } = imported.value;
    this.#importNotice =
      `Imported ${profiles.length} profile${profiles.length === 1 ? '' : 's'} from ${source}` +
      (skipped > 0
        ? `; ${skipped} damaged or unsupported entr${skipped === 1 ? 'y was' : 'ies were'} skipped.`
        : '.');
  }

  /** Keeps a connection found in an imported file (a Firefox HAR has the URL but no messages) as a profile. */
  async addConnection(url: string, protocols: readonly string[]): Promise<void> {
    const now = Date.now();
    await this.#store({
      id: newId(now),
      name: defaultProfileName(url),
      url,
      protocols: protocols.join(', '),
      binaryType: 'arraybuffer',
      createdAt: now,
      lastUsedAt: 0,
      variables: [],
      messages: [],
      notes: 'Imported from a HAR file without messages.',
      reconnect: false,
    });
  }

  /** The deep link that opens the app with this profile in the bar; it never carries variable values. */
  async linkFor(id: string, appUrl: string): Promise<string | null> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return null;
    const { profileLink } = await import('../lib/profiles/profile-file');
    return profileLink(profile, appUrl);
  }

  async duplicate(id: string): Promise<void> {
    const profile = this.#list.find((p) => p.id === id);
    if (!profile) return;
    const now = Date.now();
    await this.#store({ ...profile, id: newId(now), name: `${profile.name} (copy)`, createdAt: now });
  }

  async delete(id: string): Promise<void> {
    await this.#errors.attempt('Deleting the profile failed', async () => {
      await this.#db.delete(id);
      this.#list = this.#list.filter((p) => p.id !== id);
      if (this.#activeId === id) this.#activeId = null;
    });
  }

  async #store(profile: Profile): Promise<void> {
    await this.#errors.attempt('Saving the profile failed', async () => {
      await this.#db.put(profile);
      this.#list = [...this.#list.filter((p) => p.id !== profile.id), profile];
    });
  }
}
