// @ts-check
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { openConnected, useEnvironment } from './harness.js';

const env = useEnvironment();
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** @param {import('playwright-core').Page} page */
function pageBackground(page) {
  return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

/**
 * axe-core's serious and critical findings on the page as it is, as readable lines.
 * @param {import('playwright-core').Page} page
 */
async function seriousFindings(page) {
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const results = await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] });
    return /** @type {{ id: string, impact: string, nodes: { target: string[] }[] }[]} */ (
      results.violations
    );
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

test('the theme follows the system until one is picked, and the pick survives a reload', async () => {
  const page = await env.open();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByLabel('Message', { exact: true }).waitFor();
  assert.equal(await pageBackground(page), 'rgb(247, 248, 250)');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await pageBackground(page), 'rgb(21, 23, 28)');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('Dark');
  assert.equal(await pageBackground(page), 'rgb(21, 23, 28)');
  await page.reload();
  await page.getByRole('combobox', { name: 'Theme' }).waitFor();
  assert.equal(await pageBackground(page), 'rgb(21, 23, 28)');
  assert.equal(await page.getByRole('combobox', { name: 'Theme' }).inputValue(), 'dark');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('System');
  assert.equal(await pageBackground(page), 'rgb(247, 248, 250)');
});

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`axe-core finds nothing serious in the ${colorScheme} theme, connected with frames on screen`, async () => {
    const page = await openConnected(env, '/echo');
    await page.emulateMedia({ colorScheme });
    await page.getByLabel('Message', { exact: true }).fill('{"hello":"axe"}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page
      .getByRole('grid', { name: 'Frames' })
      .getByRole('row')
      .filter({ hasText: 'received' })
      .first()
      .click();
    await page.getByRole('region', { name: 'Frame details' }).waitFor();
    assert.deepEqual(await seriousFindings(page), []);
  });
}
