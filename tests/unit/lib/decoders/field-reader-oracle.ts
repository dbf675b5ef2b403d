/**
 * What the decoders' field-reader property tests compare: the records a filter on a decoded field matches when it
 * reads through the session's fieldReader, against decoding every frame. Shared by those tests.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ConnectionFacts, Decoder, WireFrame } from '../../../../src/lib/decoders/decoder';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { compileFilter, EMPTY_FILTER } from '../../../../src/lib/search/filter';

/** The records of a session a `json` field condition matches, through a new session of `decoder`. */
export function fieldMatches(
  decoder: Decoder,
  facts: ConnectionFacts,
  frames: readonly WireFrame[],
  json: string,
  withReader: boolean,
): number[] {
  const chunk = new ChunkBuilder(0);
  for (const frame of frames) {
    if (frame.text !== undefined)
      chunk.append({ kind: 'text', dir: frame.dir, t: 0, text: frame.text, size: 0 });
    else
      chunk.append({ kind: 'binary', dir: frame.dir, t: 0, bytes: frame.bytes ?? new Uint8Array(), size: 0 });
  }
  const session = decoder.start(facts);
  // Without its fieldReader, the session is read as any decoder's: every frame decoded.
  const decodeOnly = { decode: session.decode.bind(session) };
  const filter = compileFilter(
    { ...EMPTY_FILTER, json },
    { decoderId: decoder.id, label: decoder.label, session: withReader ? session : decodeOnly },
  );
  return frames.map((_, i) => i).filter((i) => filter.matches(chunk, i));
}

/** Whether the two ways agree; on failure, the frames are in the assertion's message. */
export function readerAgrees(
  decoder: Decoder,
  facts: ConnectionFacts,
  frames: readonly WireFrame[],
  json: string,
): { fast: number[]; slow: number[] } {
  return {
    fast: fieldMatches(decoder, facts, frames, json, true),
    slow: fieldMatches(decoder, facts, frames, json, false),
  };
}

/** Asserts that the two ways agree for every condition, on `numRuns` sessions of random `traffic`. */
export function agreesOnRandomTraffic(
  decoder: Decoder,
  facts: ConnectionFacts,
  traffic: fc.Arbitrary<readonly WireFrame[]>,
  conditions: readonly string[],
  numRuns: number,
): void {
  fc.assert(
    fc.property(traffic, (frames) => {
      for (const json of conditions) {
        const { fast, slow } = readerAgrees(decoder, facts, frames, json);
        expect(fast, json).toEqual(slow);
      }
    }),
    { numRuns },
  );
}

/** A JSON text with a letter escaped (`\u0061`) in its strings, as a server may write it; none when ''. */
export function escapeSome(text: string, letter: string): string {
  if (letter === '') return text;
  return text.replace(/"(?:[^"\\]|\\.)*"/g, (literal) =>
    literal.replaceAll(letter, `\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}
