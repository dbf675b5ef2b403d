/**
 * Registers the app's service worker and watches for new versions. Loaded after the first screen (see
 * AppShellState.start): nothing here is needed to draw it, and the first screen's code has a budget.
 */
export async function registerServiceWorker(
  scriptUrl: string,
  onUpdateReady: () => void,
): Promise<ServiceWorkerRegistration> {
  const registration = await navigator.serviceWorker.register(scriptUrl, { scope: '/' });
  // A worker already waiting, or one that finishes installing while an older one controls this page, is an update.
  // Not the first install, which claims the page: WebKit may report that very worker as the controller by the time
  // its 'installed' event arrives.
  const olderControls = (worker: ServiceWorker) => {
    const controller = navigator.serviceWorker.controller;
    return controller !== null && controller !== worker;
  };
  if (registration.waiting && olderControls(registration.waiting)) onUpdateReady();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && olderControls(installing)) onUpdateReady();
    });
  });
  return registration;
}
