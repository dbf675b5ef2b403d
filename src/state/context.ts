import { createContext } from 'svelte';
import type { SearchClient } from '../lib/search/search-client';
import type { AppShellState } from './app-shell.svelte';
import type { LazyState } from './lazy.svelte';
import type { Panel } from './panel.svelte';
import type { ProfileFilesState } from './profile-files.svelte';
import type { ProfilesState } from './profiles.svelte';
import type { SessionListState } from './session-list.svelte';
import type { SessionImportState } from './session-import.svelte';
import type { TabsState } from './tabs.svelte';
import type { TransferState } from './transfer.svelte';
import type { Workspace } from './workspace.svelte';

/** What every part of the app shares, built once in main.ts. */
export interface AppState {
  workspace: Workspace;
  sessions: SessionListState;
  profiles: ProfilesState;
  /** Profiles to and from files and links: loaded on first use, or when the page is idle. */
  profileFiles: LazyState<ProfileFilesState>;
  /** Export and share: their state loads with their bar, once a session is shown (see main.ts). */
  loadTransfer: () => Promise<TransferState>;
  /** Sessions from files and share links: loaded on first use, or when the page is idle. */
  imports: LazyState<SessionImportState>;
  shell: AppShellState;
  /** The one search worker every filter and timeline shares. */
  search: SearchClient;
  /** The panels as tabs: opened, named, kept for the next visit. */
  tabs: TabsState;
}

export const [getAppState, setAppState] = createContext<AppState>();

/** One panel's own state (its connection, grid, filter, composer), handed down to the components inside it. */
export const [getPanel, setPanel] = createContext<Panel>();
