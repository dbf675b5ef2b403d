import { createContext } from 'svelte';
import type { AppShellState } from './app-shell.svelte';
import type { ComposerState } from './composer.svelte';
import type { ConnectionController } from './connection.svelte';
import type { FilterState } from './filter.svelte';
import type { FrameViewState } from './frame-view.svelte';
import type { ProfilesState } from './profiles.svelte';
import type { SessionView } from './shown-session.svelte';
import type { SessionsState } from './sessions.svelte';
import type { TransferState } from './transfer.svelte';

/** Everything the components share, built once in main.ts and handed down through context. */
export interface AppState {
  session: SessionView;
  view: FrameViewState;
  sessions: SessionsState;
  profiles: ProfilesState;
  connection: ConnectionController;
  composer: ComposerState;
  transfer: TransferState;
  shell: AppShellState;
  filter: FilterState;
}

export const [getAppState, setAppState] = createContext<AppState>();
