import { newId } from '../lib/ids';
import { defaultProfileName, sortProfiles } from '../lib/profiles/profile';
import type { ProfilesState } from './profiles.svelte';

/** Profiles to and from files and links: export, import (ours and Insomnia's), and a profile's deep link. */
export class ProfileFilesState {
  /** What the last import did, in a sentence. */
  #importNotice = $state<string | null>(null);
  /** The last import failed: its notice is an alert, not a status. */
  #importFailed = $state(false);
  readonly #profiles: ProfilesState;

  constructor(profiles: ProfilesState) {
    this.#profiles = profiles;
  }

  get importNotice(): string | null {
    return this.#importNotice;
  }
  get importFailed(): boolean {
    return this.#importFailed;
  }

  /** Every profile as a file; secret variable values only when asked. */
  async exportFile(includeSecrets: boolean): Promise<string> {
    // The file formats load when first used: they are not needed for the first screen.
    const { exportProfiles } = await import('../lib/profiles/profile-export');
    const environments = await this.#environments();
    return exportProfiles(sortProfiles(this.#profiles.all), includeSecrets, undefined, environments.all);
  }

  /** Adds the profiles of a WS Inspector or Insomnia file beside the ones there are; nothing stored is changed. */
  async importFile(text: string): Promise<void> {
    // A profile's auto-replies and scenario are checked as the automation would check them before use.
    const [{ importProfiles }, { profileAutomationChecks }] = await Promise.all([
      import('../lib/profiles/profile-import'),
      import('../lib/automation/profile-checks'),
    ]);
    const imported = importProfiles(text, profileAutomationChecks);
    this.#importFailed = !imported.ok;
    if (!imported.ok) {
      this.#importNotice = `Nothing imported: ${imported.error}`;
      return;
    }
    const now = Date.now();
    for (const profile of imported.value.profiles) {
      await this.#profiles.save({ ...profile, id: newId(now), createdAt: now, lastUsedAt: 0 });
    }
    const { profiles, source, skipped, droppedVariables, environments } = imported.value;
    if (environments.length > 0) await (await this.#environments()).importAll(environments);
    const invalid = droppedVariables['invalid name'] ?? 0;
    const repeated = droppedVariables['duplicate name'] ?? 0;
    this.#importNotice =
      `Imported ${profiles.length} profile${profiles.length === 1 ? '' : 's'}` +
      (environments.length > 0
        ? ` and ${environments.length} environment${environments.length === 1 ? '' : 's'}`
        : '') +
      ` from ${source}` +
      (skipped > 0
        ? `; ${skipped} damaged or unsupported entr${skipped === 1 ? 'y was' : 'ies were'} skipped.`
        : '.') +
      (invalid + repeated > 0
        ? ` Left out: ${invalid} variable${invalid === 1 ? '' : 's'} with an invalid name and ${repeated} repeated name${repeated === 1 ? '' : 's'}.`
        : '');
  }

  /** The environments travel in the same file: their state loads here if the Profiles panel has not loaded it. */
  async #environments() {
    const { environmentsFor } = await import('./environments.svelte');
    return environmentsFor(this.#profiles);
  }

  /**
   * Keeps a connection found in an imported file (a Firefox HAR has the URL but no messages) as a profile, and
   * returns its id, so an import that fails later can take it back.
   */
  async addConnection(url: string, protocols: readonly string[]): Promise<string> {
    const now = Date.now();
    const id = newId(now);
    await this.#profiles.save({
      id,
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
    return id;
  }

  /** The deep link that opens the app with this profile in the bar; it never carries variable values. */
  async linkFor(id: string, appUrl: string): Promise<string | null> {
    const profile = this.#profiles.find(id);
    if (!profile) return null;
    const { profileLink } = await import('../lib/profiles/profile-link');
    return profileLink(profile, appUrl);
  }
}
