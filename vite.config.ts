/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { reportBudget } from './scripts/bundle-budget.js';
import { CSP_META, SECURITY_HEADERS } from './scripts/security-policy.js';

/** The production page carries its policy in a meta tag, so it holds on any static host. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'wsi-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The modules src/main.ts reaches through static imports: what the first screen cannot do without. Collected when
 * every module is parsed, before chunks are formed, so the chunk groups below can ask it.
 */
function firstScreenModules(): Plugin & { has: (id: string) => boolean } {
  const modules = new Set<string>();
  return {
    name: 'wsi-first-screen-modules',
    apply: 'build',
    buildEnd() {
      modules.clear();
      const pending = [...this.getModuleIds()].filter((id) => /[\\/]src[\\/]main\.ts$/.test(id));
      for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
        if (modules.has(id)) continue;
        modules.add(id);
        pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
    // Never the entry itself: main.ts awaits modules it loads with import(), and those import the shared chunk. Were
    // main.ts inside that chunk, its top-level await would keep the chunk from finishing, and the import() from
    // resolving: the app would hang at start-up.
    has: (id) => modules.has(id) && !/[\\/]src[\\/]main\.ts$/.test(id),
  };
}

const firstScreen = firstScreenModules();

/** After a build, prints the JavaScript the first screen loads against its budget, and fails the build above it. */
function bundleBudget(): Plugin {
  let outDir = 'dist';
  let failed = false;
  return {
    name: 'wsi-bundle-budget',
    apply: 'build',
    // Wherever the build went: a build with --outDir must not read another build's manifest.
    configResolved: (config) => {
      outDir = config.build.outDir;
    },
    // A failed build writes no manifest: reading it would hide the build's own error behind ENOENT.
    buildEnd: (error) => {
      failed = error !== undefined;
    },
    renderError: () => {
      failed = true;
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler: () => {
        if (failed) return;
        const { within, message } = reportBudget(outDir);
        // A feature that grows the first screen must load its code when first needed instead (see App.svelte).
        if (!within) throw new Error(`${message} Load the new code with import() where it is first needed.`);
      },
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // Registered by main.ts from the bundle: no inline script, and the app asks before updating.
      injectRegister: false,
      registerType: 'prompt',
      // A classic script: every browser that runs the app can start it.
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png}'], rollupFormat: 'iife' },
      manifest: {
        name: 'WS Inspector',
        short_name: 'WS Inspector',
        description: 'Test WebSocket endpoints, watch every frame, keep what you recorded.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#15171c',
        background_color: '#15171c',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        file_handlers: [
          {
            action: '/',
            accept: {
              'application/x-ndjson': ['.jsonl'],
              'application/json': ['.har'],
            },
          },
        ],
      },
    }),
    firstScreen,
    bundleBudget(),
  ],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, headers: SECURITY_HEADERS },
  build: {
    target: 'es2022',
    reportCompressedSize: true,
    manifest: true,
    rolldownOptions: {
      output: {
        // The first screen in one file beside the entry: the libraries main.ts imports statically and our own
        // modules it imports statically. One gzip stream compresses both with one dictionary (760 B less than two
        // files); a separately cached library file gains nothing in an installed app that precaches every file.
        // Membership follows the import graph, not folder names: code reached only through import() (export and
        // import, the timeline and uPlot, the editors, each decoder's index.ts and its codec) stays in chunks of
        // its own.
        codeSplitting: {
          groups: [{ name: 'shared', test: (id) => firstScreen.has(id) }],
        },
      },
    },
  },
  test: {
    // A test that asserts nothing passes silently: make it fail instead.
    expect: { requireAssertions: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/tooling/**/*.test.ts'],
          exclude: ['tests/unit/state/**'],
          environment: 'node',
        },
      },
      {
        // State classes hold runes: the Svelte plugin (in the shared plugins) compiles *.svelte.ts, and the
        // browser build of Svelte runs their effects, as in the app.
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'state',
          include: ['tests/unit/state/**/*.svelte.test.ts'],
          environment: './tests/unit/state/client-environment.ts',
        },
      },
    ],
  },
});
