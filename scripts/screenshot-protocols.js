// @ts-check
/**
 * The README's picture of a decoded session: the built app (WSI_DIST, else dist/) in Chromium at 1280×800,
 * connected to the sandbox's Socket.IO path, a few chat events sent with acks, one selected in Frame details.
 * Run `npm run build && node scripts/screenshot-protocols.js`; writes docs/screenshots/decoded-session.png.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS } from '../tests/shared/chromium.js';
import { startServers } from '../tests/shared/servers.js';

const OUTPUT = 'docs/screenshots/decoded-session.png';

const servers = await startServers();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);
  const url = `${servers.wsUrl}/socket.io/?EIO=4&transport=websocket`;
  await page.goto(`${servers.appUrl}?${new URLSearchParams({ url, connect: '1' })}`);
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  const grid = page.getByRole('grid', { name: 'Frames' });
  await grid
    .getByRole('row')
    .filter({ hasText: /↓.*CONNECT/ })
    .first()
    .waitFor();
  await page.getByLabel('Message format').selectOption('Text');
  for (const [index, text] of ['hello', 'how are you?'].entries()) {
    const ack = index + 1;
    await page.getByLabel('Message', { exact: true }).fill(`42${ack}["chat",{"text":"${text}"}]`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await grid
      .getByRole('row')
      .filter({ hasText: /↓.*ACK/ })
      .nth(ack - 1)
      .waitFor();
  }
  await grid
    .getByRole('row')
    .filter({ hasText: /↑.*EVENT chat/ })
    .first()
    .click();
  await page
    .getByRole('region', { name: 'Frame details' })
    .getByRole('button', { name: 'Decoded' })
    .waitFor();
  // Selecting a row may scroll the page sideways to bring Frame details in view: show it from its left edge.
  await page.evaluate(() => {
    for (const element of [document.scrollingElement, ...document.querySelectorAll('*')])
      if (element && element.scrollLeft > 0) element.scrollLeft = 0;
  });
  await mkdir('docs/screenshots', { recursive: true });
  await page.screenshot({ path: OUTPUT });
  console.log(`Wrote ${OUTPUT}`);
} finally {
  await browser.close();
  await servers.close();
}
