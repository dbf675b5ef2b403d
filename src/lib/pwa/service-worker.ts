/**
 * Registers the app's service worker and watches for new versions. Loaded after the first screen (see
 * AppShellState.start): nothing here is needed to draw it, and the first screen's code has a budget.
 */
export async function registerServiceWorker(
  scriptUrl: string,
  onUpdateReady: () => void,
): Promise<ServiceWorkerRegistration> {
  const registration = await navigator.serviceWorker.register(scriptUrl, { scope: '/' });
  // A worker already waiting, or one that finishes installing while a worker controls this page, is an update.
  if (registration.waiting && navigator.serviceWorker.controller) onUpdateReady();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) onUpdateReady();
    });
  });
  return registration;
}
