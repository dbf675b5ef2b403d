import type { Environment } from 'vitest/environments';

/**
 * Node with modules transformed as for the browser: the Svelte plugin then compiles runes for the client runtime,
 * whose effects run as they do in the app (the server build never runs $effect).
 */
export default {
  name: 'node-client',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => undefined }),
} satisfies Environment;
