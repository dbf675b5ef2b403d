import { SearchClient } from '../../../src/lib/search/search-client';
import { ComposerState } from '../../../src/state/composer.svelte';
import type { ProfileInUse } from '../../../src/state/connection-bar.svelte';
import { ConnectionBarState } from '../../../src/state/connection-bar.svelte';
import { DecodingState } from '../../../src/state/decoding.svelte';
import { FilterState } from '../../../src/state/filter.svelte';
import { FrameViewState } from '../../../src/state/frame-view.svelte';
import { SessionListState } from '../../../src/state/session-list.svelte';
import { ShownSessionState } from '../../../src/state/shown-session.svelte';
import { Workspace } from '../../../src/state/workspace.svelte';
import { liveSessions } from './live-harness';

/**
 * A workspace built as main.ts builds it, on fake sockets and fresh fake-indexeddb databases; its bars use the
 * profile `profileInUse` gives (main.ts: ProfilesState's), none by default.
 */
export function workspace(profileInUse: () => ProfileInUse | null = () => null) {
  const live = liveSessions();
  const scheduled: (() => void)[] = [];
  const search = new SearchClient(() => {
    throw new Error('No filter runs in these tests.');
  });
  const sessions: SessionListState = new SessionListState(
    { sessionsDb: live.sessionsDb, frames: live.frames, recordingNow: () => Promise.resolve(new Set()) },
    () => built.recordingHere(),
  );
  const built: Workspace = new Workspace(
    sessions,
    {
      liveSession: live.create,
      panelParts: (connection) => {
        const session = new ShownSessionState((callback) => scheduled.push(callback));
        const view = new FrameViewState();
        const bar = new ConnectionBarState(connection, 'http:', profileInUse);
        const decoding = new DecodingState(session);
        return {
          session,
          view,
          connection: bar,
          decoding,
          filter: new FilterState(session, view, search, decoding),
          composer: new ComposerState(bar),
        };
      },
    },
    live.frames,
  );
  return { ...live, workspace: built, sessions };
}
