/**
 * How many workers to split long work between: two where the machine has two cores or more, else one. Not more:
 * the page, the browser's storage and the network need a core too.
 */
export const twoWhereTwoCores = (): number => ((globalThis.navigator?.hardwareConcurrency ?? 1) >= 2 ? 2 : 1);
