import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECODER_ENTRIES } from '../../../../src/lib/decoders/registry';

/**
 * Auto-detection claims a binary frame only on strong evidence: a decoder that claims random bytes takes over a
 * connection that is not speaking its protocol, and shows nonsense for every frame after. Short frames are the
 * likeliest to parse by chance, so half the samples are 8 to 32 bytes long.
 */
const RANDOM_FRAMES = fc.oneof(
  fc.uint8Array({ minLength: 8, maxLength: 32 }),
  fc.uint8Array({ minLength: 33, maxLength: 512 }),
);
const SAMPLES = 300_000;
/** 1 in 100,000 at most: three of 300,000. */
const MOST_CLAIMED = 3;

describe('binary sniffers on random bytes', () => {
  it('claim at most 1 in 100,000 random frames of 8 bytes or more', () => {
    const claims: string[] = [];
    for (const bytes of fc.sample(RANDOM_FRAMES, { numRuns: SAMPLES, seed: 20_261_130 })) {
      for (const entry of DECODER_ENTRIES) {
        if (entry.sniff?.({ dir: 'in', bytes }))
          claims.push(`${entry.id}: ${Buffer.from(bytes).toString('hex')}`);
      }
    }
    expect(claims.length, claims.slice(0, 10).join('\n')).toBeLessThanOrEqual(MOST_CLAIMED);
  }, 120_000);

  it('claim none of a fresh draw of random frames each run', () => {
    // A different seed every run, fewer samples: at 1 in 100,000, a false alarm here is a 1 in 50 event at worst.
    fc.assert(
      fc.property(RANDOM_FRAMES, (bytes) => {
        const claimed = DECODER_ENTRIES.filter((entry) => entry.sniff?.({ dir: 'in', bytes }) === true);
        expect(claimed.map((entry) => entry.id)).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });
});
