import type { Unsubscribe } from '../lib/events';
import type { FrameReader } from '../lib/record/frame-store';
import type { ComposerState } from './composer.svelte';
import type { ConnectionBarState } from './connection-bar.svelte';
import type { DecodingState } from './decoding.svelte';
import type { FilterState } from './filter.svelte';
import type { FrameViewState } from './frame-view.svelte';
import type { LiveConnectionState } from './live-connection.svelte';
import type { SessionListState } from './session-list.svelte';
import type { ShownSessionState } from './shown-session.svelte';

/** The per-view state of one panel, built by the workspace's factory. */
export interface PanelParts {
  session: ShownSessionState;
  view: FrameViewState;
  filter: FilterState;
  connection: ConnectionBarState;
  composer: ComposerState;
  decoding: DecodingState;
}

/**
 * One panel: a connection bar with its live connection, and a grid showing either that connection's recording or a
 * stored session. Recording never decides what is shown: the panel does, showing each new recording of its own
 * connection (one this panel's bar started, or its reconnect).
 */
export class Panel {
  readonly session: ShownSessionState;
  readonly view: FrameViewState;
  readonly filter: FilterState;
  readonly connection: ConnectionBarState;
  readonly composer: ComposerState;
  readonly decoding: DecodingState;
  readonly #sessions: SessionListState;
  readonly #frames: FrameReader;
  readonly #unsubscribe: Unsubscribe[];

  constructor(parts: PanelParts, sessions: SessionListState, frames: FrameReader) {
    ({
      session: this.session,
      view: this.view,
      filter: this.filter,
      connection: this.connection,
      composer: this.composer,
      decoding: this.decoding,
    } = parts);
    this.#sessions = sessions;
    this.#frames = frames;
    const live = this.live.session;
    this.#unsubscribe = [
      live.on('recording', ({ recorder, meta }) => {
        this.view.reset();
        this.session.show(recorder, meta, true);
      }),
      live.on('listed', (meta) => this.session.updateMeta(meta)),
      // Handshake and keep-alive speaks the protocol `Decode as` names (None: none), not only the one detected.
      $effect.root(() => {
        $effect(() => {
          this.composer.decodeAs = this.decoding.choice;
        });
      }),
    ];
  }

  get live(): LiveConnectionState {
    return this.connection.live;
  }

  /** Opens a session: this panel's own recording is shown live, any other read from storage. */
  async open(id: string): Promise<void> {
    const live = this.live.session;
    if (id === live.meta?.id && live.recorder && live.meta) {
      this.view.reset();
      this.session.show(live.recorder, live.meta, true);
      return;
    }
    await this.#sessions.attempt('Opening the session failed', async () => {
      const meta = this.#sessions.find(id);
      if (!meta) throw new Error('it is no longer stored');
      // Opening a stored session is a click away from the first screen: its reader loads then.
      const { StoredSession } = await import('../lib/record/stored-session');
      const stored = await StoredSession.open(id, this.#frames);
      this.view.reset();
      this.session.show(stored, meta, false);
    });
  }

  /** A session shown here was deleted. */
  forget(id: string): void {
    if (this.session.meta?.id === id) this.session.clear();
    this.live.forget(id);
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
  }
}
