// @ts-check
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment } from './harness.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const profiles = (page) => page.getByRole('list', { name: 'Profiles' }).getByRole('listitem');

/** @param {import('playwright-core').Page} page */
async function showAutomation(page) {
  await page.getByRole('button', { name: 'Automation', exact: true }).click();
  return page.getByRole('complementary', { name: 'Automation' });
}

/**
 * The profiles file as Export profiles downloads it.
 * @param {import('playwright-core').Page} page
 */
async function exported(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export profiles' }).click(),
  ]);
  return readFile(/** @type {string} */ (await download.path()), 'utf8');
}

/**
 * Loads the first profile into the bar, shows the automation, and checks the rule and the scenario came with it,
 * by running the scenario against the sandbox.
 * @param {import('playwright-core').Page} page
 * @param {string} scenario
 */
async function assertAutomationOfProfile(page, scenario) {
  await profiles(page).first().getByRole('button').first().click();
  const automation = await showAutomation(page);
  const replies = automation.getByRole('region', { name: 'Auto-replies' });
  assert.equal(await replies.getByRole('textbox', { name: 'When' }).inputValue(), 'ping {{name}}');
  assert.equal(await replies.getByRole('textbox', { name: 'Reply' }).inputValue(), 'pong');
  assert.equal(await replies.getByRole('textbox', { name: 'Max times' }).inputValue(), '3');
  assert.equal(await automation.getByRole('textbox', { name: 'Scenario' }).inputValue(), scenario);
  await automation.getByRole('button', { name: 'Run scenario' }).click();
  await automation.getByRole('status', { name: 'Scenario result' }).filter({ hasText: 'passed' }).waitFor();
}

test('a rule and a scenario saved with a profile survive a reload and an export and import of the file', async () => {
  const page = await env.open();
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await profiles(page).first().waitFor();

  const automation = await showAutomation(page);
  const replies = automation.getByRole('region', { name: 'Auto-replies' });
  await replies.getByRole('button', { name: 'Add auto-reply' }).click();
  await replies.getByRole('textbox', { name: 'When' }).fill('ping {{name}}');
  await replies.getByRole('textbox', { name: 'Reply' }).fill('pong');
  await replies.getByRole('textbox', { name: 'Max times' }).fill('3');
  const box = automation.getByRole('textbox', { name: 'Scenario' });
  // Half typed, it is not a scenario: the profile keeps none, and the panel says why.
  await box.fill('{"url":');
  await automation.getByText(/^Not saved with profile “.*”: The scenario is not JSON/).waitFor();
  const scenario = JSON.stringify({
    name: 'echo',
    url: `${env.wsUrl}/echo`,
    steps: [{ send: 'hi' }, { expect: { text: 'hi' }, within: 5000 }],
  });
  await box.fill(scenario);
  await automation.getByText(/^Not saved with profile/).waitFor({ state: 'detached' });

  // The profile list is updated once a save is stored: an export holding both proves they are.
  let file = await exported(page);
  for (let tries = 0; tries < 20 && !file.includes('"scenario"'); tries++) file = await exported(page);
  const [kept] = JSON.parse(file).profiles;
  assert.deepEqual(kept.rules, [{ when: 'ping {{name}}', reply: 'pong', maxTimes: 3 }]);
  assert.equal(kept.scenario, scenario);

  await page.reload();
  await profiles(page).first().waitFor();
  await assertAutomationOfProfile(page, scenario);

  // Another browser profile, with no profiles of its own: the file brings the rule and the scenario.
  const other = await env.open();
  await other.getByLabel('Import profiles').setInputFiles({
    name: 'profiles.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  await other.getByRole('status').filter({ hasText: 'Imported 1 profile from WS Inspector.' }).waitFor();
  await assertAutomationOfProfile(other, scenario);

  // A file whose rule could not be used is refused whole, naming the profile and the rule.
  const broken = JSON.parse(file);
  broken.profiles[0].rules.push({ when: '/(unclosed/', reply: 'x' });
  await other.getByLabel('Import profiles').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await other
    .getByRole('alert')
    .filter({ hasText: /^Nothing imported: Profile “.*”, auto-reply 2: its When/ })
    .waitFor();
  assert.equal(await profiles(other).count(), 1);
});

/**
 * Opens a new tab, connects it to the echo path and sends `text`.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function echoInNewTab(page, text) {
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByRole('textbox', { name: 'URL' }).fill(`${env.wsUrl}/echo?tab=2`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await send(page, text);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function send(page, text) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await rowsOf(page, 'received').filter({ hasText: text }).waitFor();
}

test('the merged view selects a row by click and keys, shows its details, and filters by text', async () => {
  const page = await openConnected(env, '/echo');
  await send(page, 'alpha one');
  await send(page, 'beta two');
  await echoInNewTab(page, 'gamma three');

  await page.getByRole('button', { name: 'Merge tabs' }).click();
  const grid = page.getByRole('grid', { name: 'Merged frames' });
  const details = page.getByRole('region', { name: 'Merged frame details' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  // Each message sent and echoed: six message rows, and the rows of the two connections' opening.
  await rows.filter({ hasText: 'gamma three' }).nth(1).waitFor();

  await rows.filter({ hasText: 'beta two' }).first().click();
  await rows.filter({ hasText: 'beta two' }).first().and(page.locator('[aria-selected="true"]')).waitFor();
  await details.getByText('beta two').first().waitFor();
  await details.getByText(/^From .*echo/).waitFor();

  // The echo of beta two comes next, in time order.
  await grid.press('ArrowDown');
  await rows.filter({ hasText: 'beta two' }).nth(1).and(page.locator('[aria-selected="true"]')).waitFor();
  await details.getByText(/^#\d+ received$/).waitFor();
  await grid.press('End');
  await rows.last().and(page.locator('[aria-selected="true"]')).waitFor();
  await details.getByText(/^From .*tab=2/).waitFor();

  const filter = page.getByRole('searchbox', { name: 'Filter merged frames' });
  await filter.fill('GAMMA');
  await page.getByRole('status', { name: 'Merged frame count' }).filter({ hasText: /^2$/ }).waitFor();
  const shown = await rows.allTextContents();
  assert.equal(shown.length, 2);
  assert.ok(shown.every((text) => text.includes('gamma three')));
  // The selection stays on its frame through the filter: the last row was the echo of gamma three.
  await rows.last().and(page.locator('[aria-selected="true"]')).waitFor();
  await grid.press('Home');
  await rows.first().and(page.locator('[aria-selected="true"]')).waitFor();
  await details.getByText(/^#\d+ sent$/).waitFor();

  // All rows again, the selection still on its frame; the grid follows the tail until sent to the top.
  await filter.fill('');
  await rows.filter({ hasText: 'gamma three' }).first().and(page.locator('[aria-selected="true"]')).waitFor();
  await grid.press('Home');
  await rows.filter({ hasText: 'alpha one' }).first().waitFor();
});
