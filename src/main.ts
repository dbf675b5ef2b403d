import { mount } from 'svelte';
import { parseDeepLink, withoutDeepLink } from './lib/deep-link';
import { applyTheme, storedTheme } from './lib/display/theme';
import { sharedFragment } from './lib/formats/share-fragment';
import { FramesDb } from './lib/persist/frames-db';
import { newId } from './lib/ids';
import { holdRecordingLock, sessionsRecordingNow } from './lib/persist/liveness';
import { ProfilesDb } from './lib/persist/profiles-db';
import { SessionsDb } from './lib/persist/sessions-db';
import { createScriptUrlPolicy } from './lib/pwa/trusted-urls';
import { SearchClient } from './lib/search/search-client';
import searchWorkerUrl from './lib/search/search-worker.ts?worker&url';
import exportWorkerUrl from './lib/export/worker.ts?worker&url';
import { LiveSession } from './lib/session/live-session';
import type { AgentState } from './state/agent.svelte';
import { AppShellState } from './state/app-shell.svelte';
import { ComposerState } from './state/composer.svelte';
import { ConnectionBarState } from './state/connection-bar.svelte';
import type { AppState } from './state/context';
import { DecodingState } from './state/decoding.svelte';
import { FilterState } from './state/filter.svelte';
import { FrameViewState } from './state/frame-view.svelte';
import { LazyState } from './state/lazy.svelte';
import { ProfilesState } from './state/profiles.svelte';
import { createRefreshScheduler } from './state/refresh-scheduler';
import { SessionListState } from './state/session-list.svelte';
import { ShownSessionState } from './state/shown-session.svelte';
import type { TransferState } from './state/transfer.svelte';
import { Workspace } from './state/workspace.svelte';
import App from './ui/App.svelte';
import { preloadWhenIdle, whenIdle } from './ui/shell/idle-preload';
import './ui/global.css';

// The composition root: every shared object is built here, once, and handed to the UI.
// First, before anything awaits: the shell listens for the install prompt, which Chromium may fire at once.
const shell = new AppShellState();
// The remembered theme before anything is drawn, so the first paint is already in it.
applyTheme(document.documentElement, storedTheme(localStorage));
const framesDb = new FramesDb();
const sessionsDb = new SessionsDb();
// One redraw clock for every view on the page, and one search worker for every filter and timeline.
const refresh = createRefreshScheduler();
// Under Trusted Types the page may start only these scripts (see lib/pwa/trusted-urls.ts). The worker's URL is
// imported rather than written as new URL(…) inside new Worker(…): that is the only form Vite rewrites, and it
// leaves no room to hand the URL through the policy.
const scriptUrl = createScriptUrlPolicy([searchWorkerUrl, exportWorkerUrl, '/sw.js'], location.href);
const startWorker = (url: string) => () => new Worker(scriptUrl(url), { type: 'module' });
const search = new SearchClient(startWorker(searchWorkerUrl));
// The local agent's code loads only when asked for: by the Connect through agent switch, or a pairing link
// (`#agent-token=…`), which is taken out of the address bar at once so a reload or a copied URL does not carry it.
const pairing = location.hash.includes('agent-token=') ? location.hash : null;
if (pairing !== null) history.replaceState(null, '', location.pathname + location.search);
let agent: Promise<AgentState> | undefined;
const loadAgent = () =>
  (agent ??= import('./state/agent.svelte').then(({ AgentState }) => {
    const loaded = new AgentState(localStorage);
    if (pairing !== null) loaded.pair(pairing);
    return loaded;
  }));
const sessions = new SessionListState(
  { sessionsDb, frames: framesDb, recordingNow: sessionsRecordingNow, storage: navigator.storage },
  () => workspace.recordingHere(),
);
const workspace: Workspace = new Workspace(
  sessions,
  {
    liveSession: () =>
      new LiveSession({ frames: framesDb, catalog: sessionsDb, newId, lock: holdRecordingLock }),
    panelParts: (live) => {
      const session = new ShownSessionState(refresh);
      const view = new FrameViewState();
      const connection = new ConnectionBarState(live, location.protocol, () => profiles.inUse, loadAgent);
      const decoding = new DecodingState(session);
      return {
        session,
        view,
        connection,
        decoding,
        filter: new FilterState(session, view, search, decoding),
        composer: new ComposerState(connection, localStorage),
      };
    },
  },
  framesDb,
);
const profiles: ProfilesState = new ProfilesState(new ProfilesDb(), () => workspace.front.connection);
const profileFiles = new LazyState(async () => {
  const { ProfileFilesState } = await import('./state/profile-files.svelte');
  return new ProfileFilesState(profiles);
});
workspace.addPanel();
// The tabs of the last visit come back before anything is shown (their code loads beside the first screen's).
const { TabsState } = await import('./state/tabs.svelte');
const tabs = new TabsState(workspace, localStorage);
tabs.restore();
tabs.keep();
// Export and share are a click away from the first screen: their state and code load when a session is shown.
let transfer: Promise<TransferState> | undefined;
const loadTransfer = () =>
  (transfer ??= import('./state/transfer.svelte').then(
    ({ TransferState }) => new TransferState(workspace, profiles, startWorker(exportWorkerUrl)),
  ));
const imports = new LazyState(async () => {
  const [{ SessionImportState }, files] = await Promise.all([
    import('./state/session-import.svelte'),
    profileFiles.load(),
  ]);
  return new SessionImportState(workspace, profiles, files, framesDb, sessionsDb);
});
const state: AppState = {
  workspace,
  sessions,
  profiles,
  profileFiles,
  loadTransfer,
  imports,
  shell,
  search,
  tabs,
};

// The page may be about to go away: save what is buffered now rather than at the next flush.
addEventListener('pagehide', () => workspace.flushAll());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') workspace.flushAll();
});

const link = parseDeepLink(location.search);
const panel = tabs.forLink(link);
panel.connection.applyDeepLink(link);
// Followed once: a reload reopens the tabs as they are by then, rather than follow the link again.
const unlinked = withoutDeepLink(location.search);
if (unlinked !== location.search)
  history.replaceState(null, '', location.pathname + unlinked + location.hash);
// Opening a pairing link is asking to use the agent: its switch is on, so the Agent state shows the pairing took.
if (pairing !== null) panel.connection.agent.throughAgent = true;
// A profile's link carries its bar in the fragment (never sent to a server): fill the bar, never connect.
if (location.hash.startsWith('#url=')) {
  const { parseProfileFragment } = await import('./lib/profiles/profile-link');
  const profileLink = parseProfileFragment(location.hash);
  history.replaceState(null, '', location.pathname + location.search);
  if (profileLink) panel.connection.applyDeepLink({ ...profileLink, connect: false, errors: {} });
}

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
mount(App, { target, props: { state } });
// Then, when the page is idle, the code its first clicks need: the screen stays small, the clicks instant.
preloadWhenIdle([loadTransfer, () => imports.load()]);

// Sessions a crashed tab left "recording" are marked interrupted before a deep link may start a new one.
await Promise.all([sessions.load(), profiles.load()]);
void tabs.reopenSessions();
// Chunks an import cut off with its tab left unlisted use quota forever: removed when idle, by code loaded then.
whenIdle(
  () =>
    void sessions.reclaim(async () => {
      const { sweepOrphans } = await import('./lib/persist/orphan-sweep');
      const listed = () => sessionsDb.list();
      return sweepOrphans({
        frames: framesDb,
        listed,
        recordingNow: sessionsRecordingNow,
        pageStart: performance.timeOrigin,
      });
    }),
);
// Keep-alive must be listening before a deep link's connection opens.
await panel.composer.ready;
if (link.connect) panel.connection.connect();

// Files opened from the operating system with the installed app (see file_handlers in the manifest).
window.launchQueue?.setConsumer(async ({ files }) => {
  if (files.length === 0) return;
  const opened = await Promise.all(files.map((handle) => handle.getFile()));
  await (await imports.load()).importFiles(opened);
});

// The service worker exists only in the production build (the dev server serves modules as they change).
if (import.meta.env.PROD) {
  shell
    .start(scriptUrl('/sw.js'))
    .catch((error: unknown) => console.warn('The app will not work offline:', error));
}

// A share link carries a session in its fragment: offer to import it (a link must not change what is stored
// unasked), and take it out of the address bar so a reload does not offer it again.
const shared = sharedFragment(location.hash);
if (shared !== undefined) {
  history.replaceState(null, '', location.pathname + location.search);
  imports
    .load()
    .then((loaded) => loaded.offerShared(shared))
    .catch((error: unknown) => console.warn('The shared session cannot be offered:', error));
}
