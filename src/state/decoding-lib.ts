/**
 * What decoding needs beyond the first screen, whose JavaScript has a budget: every protocol's detection rules, the
 * grid's previews (the grid loads just after the first paint too) and pairing. Loaded once per DecodingState.
 */
export const loadDecodingLib = () =>
  Promise.all([
    import('../lib/decoders/detect'),
    import('../lib/decoders/registry'),
    import('../lib/frames/describe'),
    import('./pairing.svelte'),
  ]).then(([detect, registry, describe, { PairingState }]) => ({
    ...detect,
    ...registry,
    ...describe,
    pairing: new PairingState(),
  }));

export type DecodingLib = Awaited<ReturnType<typeof loadDecodingLib>>;
