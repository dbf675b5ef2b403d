/** The fragment key a share link carries its session under: `#session=…`. */
export const SHARE_PARAMETER = 'session';

/**
 * The shared file in a location hash, undefined when the hash carries none. Kept apart from share-link.ts so the
 * first screen can look for a link without loading what decodes one.
 */
export function sharedFragment(hash: string): string | undefined {
  const prefix = `#${SHARE_PARAMETER}=`;
  return hash.startsWith(prefix) ? hash.slice(prefix.length) : undefined;
}
