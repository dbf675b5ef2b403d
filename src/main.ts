import { mount } from 'svelte';
import { parseDeepLink } from './lib/deep-link';
import { ComposerState } from './state/composer.svelte';
import { ConnectionController } from './state/connection.svelte';
import type { AppState } from './state/context';
import { FrameViewState } from './state/frame-view.svelte';
import { SessionView } from './state/session.svelte';
import App from './ui/App.svelte';
import './ui/global.css';

// The composition root: every shared object is built here, once, and handed to the UI.
const session = new SessionView();
const view = new FrameViewState();
const connection = new ConnectionController(session, view);
const composer = new ComposerState(connection);
const state: AppState = { session, view, connection, composer };

connection.applyDeepLink(parseDeepLink(location.search));

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
mount(App, { target, props: { state } });
