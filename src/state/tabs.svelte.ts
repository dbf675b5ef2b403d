import type { DeepLink } from '../lib/deep-link';
import { hostAndPath } from '../lib/display/url-name';
import type { SessionMeta } from '../lib/model/session';
import type { OpenTabs, TabSpec } from '../lib/persist/open-tabs';
import { readOpenTabs, writeOpenTabs } from '../lib/persist/open-tabs';
import { releaseAutomation } from './automation-release';
import type { Panel } from './panel.svelte';
import type { Workspace } from './workspace.svelte';

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

/** What a tab keeps for the next visit: its bar as typed, and the stored session it shows, if it shows one. */
function specOf(panel: Panel): TabSpec {
  const { url, protocolsText, binaryType } = panel.connection;
  const shown = panel.session.meta;
  const spec: TabSpec = { url, protocols: protocolsText, binaryType };
  if (shown && !panel.session.isLive) spec.sessionId = shown.id;
  return spec;
}

/**
 * The workspace's panels as tabs: opened (blank, from a profile, a stored session or a deep link), named, and kept
 * for the next visit as profiles-in-waiting: each bar as typed comes back, never its connection.
 *
 * Kept in localStorage rather than IndexedDB: a few hundred bytes, read synchronously while the app starts, so the
 * tabs are there before a deep link chooses its tab, with no database of their own to open and upgrade. A second
 * window of the app writes the same key: the last one changed is what the next visit reopens.
 */
export class TabsState {
  readonly #workspace: Workspace;
  readonly #storage: KeyValue;
  /** Tabs reopened from the last visit: a deep link takes a tab of its own rather than overwrite one. */
  readonly #restored = new WeakSet<Panel>();
  #sessionsToReopen: [Panel, string][] = [];

  constructor(workspace: Workspace, storage: KeyValue) {
    this.#workspace = workspace;
    this.#storage = storage;
  }

  /** Reopens the last visit's tabs, in the workspace's first panel and new ones, with the same one in front. */
  restore(): void {
    const { tabs, front } = readOpenTabs(this.#storage);
    tabs.forEach((spec, index) => {
      const panel = this.#workspace.panels[index] ?? this.#workspace.addPanel();
      this.#fill(panel, spec);
      this.#restored.add(panel);
      if (spec.sessionId !== undefined) this.#sessionsToReopen.push([panel, spec.sessionId]);
    });
    const inFront = this.#workspace.panels[front];
    if (inFront) this.#workspace.front = inFront;
  }

  /** Shows again the stored sessions restored tabs showed, those still stored: once the session list is loaded. */
  async reopenSessions(): Promise<void> {
    const pending = this.#sessionsToReopen;
    this.#sessionsToReopen = [];
    for (const [panel, id] of pending) {
      if (this.#workspace.sessions.find(id)) await panel.open(id);
    }
  }

  /** Keeps the tabs in storage as they change, from now on; returns what stops it. */
  keep(): () => void {
    return $effect.root(() => {
      $effect(() => {
        writeOpenTabs(this.#storage, this.snapshot());
      });
    });
  }

  snapshot(): OpenTabs {
    const { panels, front } = this.#workspace;
    return { tabs: panels.map(specOf), front: panels.indexOf(front) };
  }

  /** A new tab, brought to the front, its bar filled from `spec`. */
  open(spec: Partial<TabSpec> = {}): Panel {
    const panel = this.#workspace.addPanel();
    this.#fill(panel, spec);
    this.#workspace.front = panel;
    return panel;
  }

  /**
   * Closes a tab (never the last one): its automation is released first, so no repeat or auto-reply waiting on a
   * timer sends on the closing connection, and nothing keeps the closed tab's connection alive.
   */
  close(panel: Panel): void {
    const { panels } = this.#workspace;
    if (panels.length === 1 || !panels.includes(panel)) return;
    releaseAutomation(panel);
    this.#workspace.close(panel);
  }

  /**
   * A stored session in a tab of its own, read-only. Its bar stays blank: the recorded URL has variables filled in,
   * and a token must not land in an editable field or in the kept tabs.
   */
  async openSession(meta: SessionMeta): Promise<void> {
    await this.open().open(meta.id);
  }

  /** A profile in a tab of its own: loaded into the new tab's bar as a click on it loads it into the front one. */
  async openProfile(activate: () => Promise<void>): Promise<void> {
    this.open();
    await activate();
  }

  /** The tab a deep link fills: the one in front, unless it is connected or a kept bar for another URL. */
  forLink(link: DeepLink): Panel {
    const front = this.#workspace.front;
    const keptElsewhere =
      this.#restored.has(front) && link.url !== undefined && link.url !== front.connection.url;
    return front.live.isActive || keptElsewhere ? this.open() : front;
  }

  /**
   * What a tab is called: the session it shows (its recorded URL without the query, where filled-in secrets would
   * be), or where its bar points.
   */
  label(panel: Panel): string {
    const shown = panel.session.meta;
    if (shown && !panel.session.isLive) return shown.name ?? hostAndPath(shown.url) ?? 'Stored session';
    // The bar's URL as typed, query and all (two rooms of one server differ there); its secrets are {{variables}}.
    const bar = panel.connection;
    return bar.url.trim().replace(/^wss?:\/\//, '') || 'New connection';
  }

  #fill(panel: Panel, spec: Partial<TabSpec>): void {
    const bar = panel.connection;
    if (spec.url !== undefined) bar.url = spec.url;
    if (spec.protocols !== undefined) bar.protocolsText = spec.protocols;
    if (spec.binaryType !== undefined) bar.binaryType = spec.binaryType;
  }
}
