import type { maskSecrets } from './mask';

/**
 * The masking code (URL redaction, the forms of secrets) costs about 2 KB gzip, more than the first screen's
 * budget has left, so the components that mask load it on first use. Until then they show a placeholder, never the
 * unmasked text; once loaded, every later component gets it at once, without a flash.
 */
export type Mask = typeof maskSecrets;

/** What stands on screen for a masked text while the masking code loads. */
export const MASK_PENDING = '…';

let loaded: Mask | null = null;
let loading: Promise<Mask> | null = null;

/** The masking function if it is already loaded. */
export function loadedMask(): Mask | null {
  return loaded;
}

export function loadMask(): Promise<Mask> {
  loading ??= import('./mask').then((module) => (loaded = module.maskSecrets));
  return loading;
}
