import { mount } from 'svelte';
import { parseDeepLink } from './lib/deep-link';
import { sharedFragment } from './lib/formats/share-link';
import { FramesDb } from './lib/persist/frames-db';
import { ProfilesDb } from './lib/persist/profiles-db';
import { SessionsDb } from './lib/persist/sessions-db';
import { AppShellState } from './state/app-shell.svelte';
import { ComposerState } from './state/composer.svelte';
import { ConnectionController } from './state/connection.svelte';
import { FilterState } from './state/filter.svelte';
import type { AppState } from './state/context';
import { FrameViewState } from './state/frame-view.svelte';
import { ProfilesState } from './state/profiles.svelte';
import { SessionView } from './state/shown-session.svelte';
import { SessionsState } from './state/sessions.svelte';
import { TransferState } from './state/transfer.svelte';
import App from './ui/App.svelte';
import './ui/global.css';

// The composition root: every shared object is built here, once, and handed to the UI.
const session = new SessionView();
const view = new FrameViewState();
const framesDb = new FramesDb();
const sessionsDb = new SessionsDb();
const sessions = new SessionsState(sessionsDb, framesDb, session, view);
// The profile in use fills in {{name}} in the connection bar and the composer.
const variableValues = () => profiles.activeValues;
const connection = new ConnectionController(sessions, {
  variableValues,
  reconnects: () => profiles.activeReconnects,
});
const profiles: ProfilesState = new ProfilesState(new ProfilesDb(), connection);
const composer = new ComposerState(
  connection,
  () => (session.isLive ? session.totals.sent : 0) + 1,
  variableValues,
);
// Messages a server expects first (a login, a subscribe) go out as soon as the connection opens.
connection.onOpen(() => {
  for (const message of profiles.messagesOnOpen) composer.sendMessage(message.body, message.format);
});
const transfer = new TransferState(session, sessions, profiles, framesDb, sessionsDb);
const shell = new AppShellState();
const filter = new FilterState(
  session,
  view,
  () => new Worker(new URL('./lib/search/search-worker.ts', import.meta.url), { type: 'module' }),
);
const state: AppState = { session, view, sessions, profiles, connection, composer, transfer, shell, filter };

// The page may be about to go away: save what is buffered now rather than at the next flush.
addEventListener('pagehide', () => sessions.flushNow());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') sessions.flushNow();
});

const link = parseDeepLink(location.search);
connection.applyDeepLink(link);

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
mount(App, { target, props: { state } });

// Sessions a crashed tab left "recording" are marked interrupted before a deep link may start a new one.
await Promise.all([sessions.load(), profiles.load()]);
if (link.connect) connection.connect();

// Files opened from the operating system with the installed app (see file_handlers in the manifest).
window.launchQueue?.setConsumer(async ({ files }) => {
  if (files.length > 0)
    await transfer.importFiles(await Promise.all(files.map((handle) => handle.getFile())));
});

// The service worker exists only in the production build (the dev server serves modules as they change).
if (import.meta.env.PROD) {
  shell.start('/sw.js').catch((error: unknown) => console.warn('The app will not work offline:', error));
}

// A share link carries a session in its fragment: import it once, and take it out of the address bar so a
// reload does not import it again.
const shared = sharedFragment(location.hash);
if (shared !== undefined) {
  history.replaceState(null, '', location.pathname + location.search);
  await transfer.importShared(shared);
}
