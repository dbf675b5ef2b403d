import type { LiveSession } from '../lib/session/live-session';
import type { FrameReader } from '../lib/record/frame-store';
import { LiveConnectionState } from './live-connection.svelte';
import { Panel } from './panel.svelte';
import type { PanelParts } from './panel.svelte';
import type { SessionListState } from './session-list.svelte';

/** How the composition root builds the pieces of a workspace: a live session, and a panel's view state for it. */
export interface WorkspaceFactory {
  liveSession(): LiveSession;
  panelParts(live: LiveConnectionState): PanelParts;
}

/**
 * Everything open at once: any number of live connections, each in a panel with its own view state, and the
 * stored-session list they all record into. The UI shows one panel at a time, the one in front, as a tab.
 */
export class Workspace {
  #panels = $state.raw<Panel[]>([]);
  #front = $state.raw<Panel | null>(null);
  /** Every tab's frames shown in one grid, in time order, instead of the front tab's. */
  merged = $state(false);
  readonly sessions: SessionListState;
  readonly #factory: WorkspaceFactory;
  readonly #frames: FrameReader;

  constructor(sessions: SessionListState, factory: WorkspaceFactory, frames: FrameReader) {
    this.sessions = sessions;
    this.#factory = factory;
    this.#frames = frames;
  }

  get panels(): readonly Panel[] {
    return this.#panels;
  }
  /** The panel in front: where a profile loads, an import opens, an export reads from. */
  get front(): Panel {
    const panel = this.#front ?? this.#panels[0];
    if (panel === undefined) throw new Error('The workspace has no panel yet: call addPanel() first.');
    return panel;
  }
  set front(panel: Panel) {
    if (!this.#panels.includes(panel)) return;
    // The tab going to the back may still be connecting, or its composer not yet drawn: its Message box must not
    // take the focus when the person comes back to it later (it would take it from the tab strip).
    if (this.front !== panel) this.front.live.dropFocusRequest();
    this.#front = panel;
  }

  /** Sessions recording in this tab now: never deleted, listed before storage lists them. */
  recordingHere(): ReadonlySet<string> {
    // A snapshot handed to the caller, not state: nothing reactive reads it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const ids = new Set<string>();
    for (const panel of this.#panels) {
      const meta = panel.live.session.meta;
      if (meta?.status === 'recording') ids.add(meta.id);
    }
    return ids;
  }

  /** A new live connection and a panel to show it. */
  addPanel(): Panel {
    const session = this.#factory.liveSession();
    session.on('recording', ({ meta }) => {
      this.sessions.askToPersist();
      this.sessions.update(meta);
    });
    session.on('listed', (meta) => {
      this.sessions.update(meta);
      if (meta.status !== 'recording') void this.sessions.refreshStorage();
    });
    const live = new LiveConnectionState(session);
    const panel = new Panel(this.#factory.panelParts(live), this.sessions, this.#frames);
    this.#panels = [...this.#panels, panel];
    return panel;
  }

  /**
   * Closes a panel's tab (never the last one): its connection closes and what it recorded stays, as a stored
   * session. Its neighbour comes to the front if it was there.
   */
  close(panel: Panel): void {
    const index = this.#panels.indexOf(panel);
    if (index < 0 || this.#panels.length === 1) return;
    panel.live.session.disconnect();
    this.#panels = this.#panels.filter((p) => p !== panel);
    if (this.#front === panel) this.#front = this.#panels[Math.min(index, this.#panels.length - 1)] ?? null;
    panel.dispose();
  }

  /** Deletes sessions (never one still recording); saving resumes where a full disk had stopped it. */
  async deleteSessions(ids: readonly string[]): Promise<void> {
    const deleted = await this.sessions.remove(ids);
    for (const panel of this.#panels) {
      for (const id of deleted) panel.forget(id);
      if (panel.live.persist?.kind === 'failed') await panel.live.session.retrySaving();
    }
  }

  async renameSession(id: string, name: string): Promise<void> {
    const renamed = await this.sessions.rename(id, name);
    if (renamed) for (const panel of this.#panels) panel.session.updateMeta(renamed);
  }

  /** Saves what every live connection buffers: the page may be about to go away. */
  flushAll(): void {
    for (const panel of this.#panels) void panel.live.session.flush();
  }
}
