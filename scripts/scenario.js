// `npm run scenario -- FILE [--junit OUT.xml] [--var name=value]`: runs a scenario from a terminal or CI.
//
// Node 20 cannot run the TypeScript of src/ itself, so this builds src/cli/scenario.ts (and the lib code it uses)
// with Vite, which the project already has, into a fresh temporary folder, imports it and runs it. A build takes
// a second or two and needs no new dependency; nothing is written into the repository. The socket is the `ws`
// package's WebSocket (Node 20 has no global one), handed in with the file and output functions, so the built
// code knows nothing of Node.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { WebSocket } from 'ws';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = await mkdtemp(join(tmpdir(), 'wsi-scenario-'));
/** @type {number} */
let code;
try {
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    build: {
      ssr: join(root, 'src/cli/scenario.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'scenario.mjs' } },
    },
  });
  /** @type {{ main: (args: string[], io: object) => Promise<number> }} */
  const cli = await import(pathToFileURL(join(outDir, 'scenario.mjs')).href);
  code = await cli.main(process.argv.slice(2), {
    readText: (/** @type {string} */ path) => readFile(path, 'utf8'),
    writeText: (/** @type {string} */ path, /** @type {string} */ text) => writeFile(path, text),
    print: (/** @type {string} */ line) => console.log(line),
    createSocket: (/** @type {string} */ url, /** @type {string[]} */ protocols) =>
      new WebSocket(url, protocols),
  });
} finally {
  await rm(outDir, { recursive: true, force: true });
}
process.exit(code);
