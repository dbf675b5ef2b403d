/** The install prompt Chromium offers; not in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * The app as an installed program: its service worker, the notice that a new version is ready (applied only
 * when the person says so, since a reload would end a live connection), and the Install button.
 */
export class AppShellState {
  #updateReady = $state(false);
  #installPrompt = $state.raw<BeforeInstallPromptEvent | null>(null);
  #registration: ServiceWorkerRegistration | null = null;

  /**
   * Listens for the install prompt at once: Chromium may offer it before the stored sessions have loaded, and a
   * prompt missed is not offered again until the next visit. Built before anything in main.ts awaits.
   */
  constructor() {
    addEventListener('beforeinstallprompt', (event) => {
      // Shown as our own button instead of the browser's mini-infobar.
      event.preventDefault();
      this.#installPrompt = event as BeforeInstallPromptEvent;
    });
    addEventListener('appinstalled', () => (this.#installPrompt = null));
  }

  get updateReady(): boolean {
    return this.#updateReady;
  }
  get canInstall(): boolean {
    return this.#installPrompt !== null;
  }

  /**
   * Registers the worker from its own file (the CSP forbids inline script) and watches for new versions.
   * `scriptUrl` comes from the page's script URL policy (lib/pwa/trusted-urls.ts): under Trusted Types a plain
   * string is refused.
   */
  async start(scriptUrl: string): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const { registerServiceWorker } = await import('../lib/pwa/service-worker');
    this.#registration = await registerServiceWorker(scriptUrl, () => (this.#updateReady = true));
  }

  /** Checks the server for a new version now (otherwise the browser checks on navigation). */
  async checkForUpdate(): Promise<void> {
    await this.#registration?.update();
  }

  /** Switches to the waiting version and reloads once it controls the page. */
  applyUpdate(): void {
    const waiting = this.#registration?.waiting;
    if (!waiting) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  }

  async install(): Promise<void> {
    const prompt = this.#installPrompt;
    if (!prompt) return;
    await prompt.prompt();
    await prompt.userChoice;
    this.#installPrompt = null;
  }
}
