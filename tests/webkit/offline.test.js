// @ts-check
import { test } from 'node:test';
import { MESSAGE_COUNT_IS, useWebKit } from './harness.js';

// Its own file: it stops serving the app, which the other WebKit tests need.
const env = useWebKit();

test('WebKit: the service worker starts the app offline, and a first visit is not offered an update', async () => {
  // A deep link that connects at once: the busy first moments are when WebKit's worker events used to arrive late.
  const browser = await env.open(`?${new URLSearchParams({ url: `${env.wsUrl}/echo`, connect: '1' })}`);
  await browser.executeAsync(`const done = arguments[0];
    navigator.serviceWorker.ready.then((registration) => {
      // The worker's state changes are dispatched in order: once it reads 'activated', the page has been told of
      // 'installed', which is when an update would have been announced.
      const settled = () => navigator.serviceWorker.controller && registration.active?.state === 'activated';
      const poll = () => (settled() ? done(true) : setTimeout(poll, 50));
      poll();
    });`);
  // The first install is the version the page already runs: no "new version" banner.
  const banner = await browser.execute(`return document.body.textContent.includes('A new version')`);
  if (banner) throw new Error('a first visit was offered an update');

  await env.stopApp();
  await browser.navigate(`${env.appUrl}?${new URLSearchParams({ url: `${env.wsUrl}/echo`, connect: '1' })}`);
  await browser.waitFor(
    `return /open/.test(document.querySelector('[aria-label="Connection state"]')?.textContent ?? '')`,
    { what: 'the app, served by its worker, to connect' },
  );
  await browser.type('textarea#message', 'offline shell');
  await browser.execute(
    `[...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Send').click()`,
  );
  await browser.waitFor(MESSAGE_COUNT_IS, { args: [2], what: 'sent and echoed with the app server gone' });
});
