/**
 * Registers the app's service worker and watches for new versions. Loaded after the first screen (see
 * AppShellState.start): nothing here is needed to draw it, and the first screen's code has a budget.
 */
export async function registerServiceWorker(
  scriptUrl: string,
  onUpdateReady: () => void,
): Promise<ServiceWorkerRegistration> {
  // A page no worker controlled when it loaded came from the network, so it already runs the version being
  // installed: that first install (which claims the page) is no update. Asking for the controller later is not
  // enough: WebKit reports the claimed worker as controller by the time the install's 'installed' event arrives.
  const loadedFromWorker = navigator.serviceWorker.controller !== null;
  const registration = await navigator.serviceWorker.register(scriptUrl, { scope: '/' });
  // A worker already waiting, or one that finishes installing while an older one controls this page, is an update.
  if (registration.waiting && loadedFromWorker) onUpdateReady();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && loadedFromWorker) onUpdateReady();
    });
  });
  return registration;
}
