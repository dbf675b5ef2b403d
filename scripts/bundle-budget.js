// @ts-check
/**
 * The initial JavaScript budget: what the first screen loads (the entry and every chunk it imports statically),
 * gzipped. Chunks loaded with import() come later and are not counted. Read from Vite's build manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET_BYTES = 60 * 1024;

/**
 * @param {string} outDir the build's output directory
 * @returns {{ files: string[], gzipBytes: number }}
 */
export function initialJavaScript(outDir) {
  /** @type {Record<string, { file: string, isEntry?: boolean, imports?: string[] }>} */
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const files = new Set();
  const visit = (/** @type {string} */ key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const gzipBytes = [...files].reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length,
    0,
  );
  return { files: [...files], gzipBytes };
}

/** @param {string} outDir */
export function reportBudget(outDir) {
  const { files, gzipBytes } = initialJavaScript(outDir);
  const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = gzipBytes <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `Initial JavaScript: ${kb(gzipBytes)} gzip in ${files.length} file(s), ${verdict} the ${kb(INITIAL_JS_BUDGET_BYTES)} budget.`,
  );
}
