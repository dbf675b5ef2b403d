// @ts-check
import { seedBundleCode } from '../shared/seed-bundle.js';

/**
 * An async WebDriver script body that writes a recorded session of `count` plain JSON messages into the page's
 * IndexedDB through the app's own storage code (tests/shared/seed.ts), and answers with its id.
 * @param {number} count
 */
export async function seedScript(count) {
  return `const done = arguments[arguments.length - 1];
    ${await seedBundleCode()}
    wsiSeed.seedSession(${count}, 'json').then(done, (error) => done('seed failed: ' + error));`;
}
