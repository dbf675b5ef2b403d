// @ts-check
/**
 * The README's pictures of both themes at 1280×800 and of the phone layout: the built app (WSI_DIST, else dist/)
 * in Chromium, connected to the sandbox's echo with a few JSON messages, one selected in Frame details.
 * Run `npm run build && node scripts/screenshot-themes.js`; writes docs/screenshots/{dark,light,phone}.png.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS } from '../tests/shared/chromium.js';
import { startServers } from '../tests/shared/servers.js';

/** @type {{ file: string, colorScheme: 'dark' | 'light', viewport: { width: number, height: number } }[]} */
const SHOTS = [
  { file: 'docs/screenshots/dark.png', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
  { file: 'docs/screenshots/light.png', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { file: 'docs/screenshots/phone.png', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
];

const servers = await startServers();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
try {
  await mkdir('docs/screenshots', { recursive: true });
  for (const { file, colorScheme, viewport } of SHOTS) {
    const page = await browser.newPage({ viewport, colorScheme });
    page.setDefaultTimeout(30_000);
    await page.goto(
      `${servers.appUrl}?${new URLSearchParams({ url: `${servers.wsUrl}/echo`, connect: '1' })}`,
    );
    await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
    await page.getByLabel('Message format').selectOption('JSON');
    for (const [id, op] of [
      [1, 'subscribe'],
      [2, 'ping'],
    ]) {
      await page.getByLabel('Message', { exact: true }).fill(JSON.stringify({ id, op, topic: 'prices/eur' }));
      await page.getByRole('button', { name: 'Send', exact: true }).click();
    }
    const received = page
      .getByRole('grid', { name: 'Frames' })
      .getByRole('row')
      .filter({ hasText: 'received' });
    await received.nth(1).waitFor();
    await received.first().click();
    await page.getByRole('region', { name: 'Frame details' }).getByText('subscribe').first().waitFor();
    // Selecting the row may scroll the stacked phone layout down to it: show the page from its top.
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: file });
    console.log(`Wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  await servers.close();
}
