// @ts-check
/**
 * The import rules `npm run lint` checks with dependency-cruiser: no cycles, the layers between src/lib, src/state
 * and src/ui, and the order of the folders inside src/lib. docs/architecture.md draws the same map in prose.
 * CommonJS because the package is an ES module project and depcruise loads its config with require().
 */

/**
 * What any lib folder may use: the model, and the small modules at the root of lib that depend on nothing.
 * deep-link.ts is not one of them: it reads the model, and nothing in lib needs it.
 */
const BASE = [
  'model/',
  'result.ts',
  'errors.ts',
  'events.ts',
  'deferred-run.ts',
  'guards.ts',
  'ids.ts',
  'cores.ts',
];

/**
 * Each folder of src/lib and the other lib folders it may import, bottom up: a folder names only folders above it in
 * this list, so the folders cannot import one another in a ring. A new folder must be added here before it can
 * import anything but BASE (the last rule says so).
 */
const LAYERS = {
  model: [],
  display: [],
  encoding: [],
  pwa: [],
  agent: [],
  compose: ['encoding'],
  decoders: ['encoding'],
  // Binary frames are redacted through the MessagePack and CBOR decoders' values (redact/binary.ts).
  redact: ['encoding', 'compose', 'decoders'],
  ws: ['encoding'],
  record: [],
  profiles: ['compose', 'display', 'redact'],
  // The adapters depend on what they store, never the other way round.
  persist: ['record', 'profiles'],
  formats: ['encoding', 'display', 'record', 'redact'],
  import: ['formats', 'record', 'persist'],
  // The export workers read chunks from IndexedDB themselves and format them with the file formats.
  export: ['encoding', 'record', 'redact', 'persist', 'formats'],
  frames: ['encoding', 'display', 'decoders', 'ws'],
  // The search worker pages chunks from IndexedDB itself.
  search: ['encoding', 'decoders', 'record', 'persist', 'frames'],
  // Repeats, auto-replies and scenarios: below session, which owns a connection's rules (open-time sends).
  automation: ['encoding', 'compose', 'decoders', 'ws', 'record', 'formats', 'search'],
  // Handshake and keep-alive (protocol-keep-alive.ts) detects, decodes and answers a connection's protocol.
  session: ['display', 'compose', 'decoders', 'ws', 'record', 'automation'],
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lib = (paths) => paths.map((path) => `^src/lib/${escape(path)}${path.endsWith('/') ? '' : '$'}`);

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const layerRules = Object.entries(LAYERS).map(([folder, allowed]) => ({
  name: `lib-layer-${folder}`,
  comment: `src/lib/${folder} may import only ${allowed.length ? `${allowed.join(', ')} and ` : ''}the base of lib.`,
  severity: 'error',
  from: { path: `^src/lib/${folder}/` },
  to: {
    path: '^src/lib/',
    pathNot: lib([`${folder}/`, ...(folder === 'model' ? [] : BASE), ...allowed.map((name) => `${name}/`)]),
  },
}));

const known = Object.keys(LAYERS).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A cycle means neither module can be understood, tested or loaded without the other. Not cycles: a ' +
        'component that renders itself (JsonTree), and a lazy import() back to a module that imports its loader.',
      severity: 'error',
      from: { path: '^(src/.+)$' },
      to: { circular: true, pathNot: '^$1$', viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
    },
    {
      name: 'lib-framework-free',
      comment:
        'src/lib runs in workers, the service worker and Node tests: no Svelte, no state, no components.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: ['(^|/)node_modules/svelte/', '\\.svelte$', '\\.svelte\\.ts$', '^src/(state|ui)/'] },
    },
    {
      name: 'state-not-ui',
      comment: 'State is built before any component and must not know them.',
      severity: 'error',
      from: { path: '^src/state/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'ui-storage-through-state',
      comment: 'Components reach recording and storage only through src/state, which owns their lifetimes.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/lib/(persist|record|import)/' },
    },
    ...layerRules,
    {
      name: 'lib-layer-unlisted',
      comment: 'A lib folder missing from LAYERS in .dependency-cruiser.cjs may import only the base of lib.',
      severity: 'error',
      from: { path: '^src/lib/[^/]+/', pathNot: `^src/lib/(${known})/` },
      to: { path: '^src/lib/', pathNot: lib(BASE) },
    },
    {
      name: 'lib-root-is-base',
      comment: 'The modules at the root of src/lib depend on nothing in lib but the model.',
      severity: 'error',
      from: { path: '^src/lib/[^/]+$' },
      to: { path: '^src/lib/', pathNot: lib(BASE) },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a file format that names a storage type depends on storage.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte'] },
  },
};
