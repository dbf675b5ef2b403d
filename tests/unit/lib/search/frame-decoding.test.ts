import { describe, expect, it } from 'vitest';
import type { DecodedMessage, DecoderSession } from '../../../../src/lib/decoders/decoder';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { compileFilter, EMPTY_FILTER } from '../../../../src/lib/search/filter';
import type { FrameDecoding } from '../../../../src/lib/search/frame-decoding';
import { startDecoding, wireFrameAt } from '../../../../src/lib/search/frame-decoding';
import { latencyMeasure } from '../../../../src/lib/search/timeline';

/** A Socket.IO-like protocol: `42<id>["event",…]` asks, `43<id>[…]` answers; fields are not keys in the text. */
const pairingSession: DecoderSession = {
  decode(frame) {
    const match = /^4([23])(\d*)(\[.*\])$/.exec(frame.text ?? '');
    if (!match) return { ok: false, error: 'not a packet' };
    const [, code, id = '', body = '[]'] = match;
    const args = JSON.parse(body) as unknown[];
    const isAck = code === '3';
    const message: DecodedMessage = {
      type: isAck ? 'ACK' : 'EVENT',
      summary: '',
      tree: args,
      fields: isAck ? { type: 'ACK', args } : { type: 'EVENT', event: args[0], args: args.slice(1) },
    };
    if (id !== '') message.pairing = { key: `ack:${id}`, role: isAck ? 'reply' : 'request' };
    return { ok: true, value: [message] };
  },
};
const socketLike: FrameDecoding = { decoderId: 'socket-like', label: 'Socket-like', session: pairingSession };

function chunkOf(texts: [dir: 'in' | 'out', t: number, text: string][]): ChunkBuilder {
  const chunk = new ChunkBuilder(0);
  chunk.append({ kind: 'open', t: 0, protocol: '', extensions: '' });
  for (const [dir, t, text] of texts) chunk.append({ kind: 'text', dir, t, text, size: text.length });
  return chunk;
}

const socketChunk = chunkOf([
  ['out', 10, '421["chat","hi"]'],
  ['in', 15, '431[{"ok":true}]'],
  ['out', 20, '42["typing"]'],
  ['out', 30, '422["chat","again"]'],
  ['in', 50, '{"event":"chat"}'],
]);

function matching(json: string, decoding: FrameDecoding | null): number[] {
  const filter = compileFilter({ ...EMPTY_FILTER, json }, decoding);
  return Array.from({ length: socketChunk.count }, (_, i) => i).filter((i) => filter.matches(socketChunk, i));
}

describe('filtering by decoded fields', () => {
  it("reads the decoder's fields, which need not appear in the text", () => {
    expect(matching('event = chat', socketLike)).toEqual([1, 4]);
    expect(matching('type = ACK', socketLike)).toEqual([2]);
    expect(matching('args.0 = again', socketLike)).toEqual([4]);
  });

  it('reads plain JSON when the session has no decoder', () => {
    expect(matching('event = chat', null)).toEqual([5]);
  });

  it('starts the decoder a job names, and none for an unknown one', async () => {
    const json = await startDecoding({ id: 'json', facts: { url: 'ws://h/', protocol: '' } });
    expect(json?.label).toBe('JSON');
    expect(await startDecoding({ id: 'gone', facts: { url: '', protocol: '' } })).toBeNull();
    expect(await startDecoding(null)).toBeNull();
  });

  it('gives a decoder the frame as it was on the wire, and events not at all', () => {
    expect(wireFrameAt(socketChunk, 0)).toBeUndefined();
    expect(wireFrameAt(socketChunk, 2)).toEqual({ dir: 'in', text: '431[{"ok":true}]' });
  });
});

describe("the timeline's pairing", () => {
  it("pairs by the decoder's own ids when no field is given", () => {
    const measure = latencyMeasure('', socketLike);
    measure?.add(socketChunk);
    expect(measure?.result()).toEqual({
      field: 'Socket-like',
      decoder: 'Socket-like',
      pairs: 1,
      unanswered: 1,
      p50: 5,
      p90: 5,
      p99: 5,
      max: 5,
    });
  });

  it('counts the first reply to a streamed request, and keeps the stream open until its final reply', () => {
    const streaming: FrameDecoding = {
      decoderId: 'stream',
      label: 'Stream',
      session: {
        decode: (frame) => {
          const [role, final] = (frame.text ?? '').split(' ');
          const pairing = { key: 'id:1', role: role as 'request' | 'reply', final: final !== 'more' };
          return { ok: true, value: [{ type: role ?? '', summary: '', tree: null, fields: {}, pairing }] };
        },
      },
    };
    const measure = latencyMeasure('', streaming);
    measure?.add(
      chunkOf([
        ['out', 0, 'request'],
        ['in', 4, 'reply more'],
        ['in', 9, 'reply more'],
        ['in', 12, 'reply'],
      ]),
    );
    expect(measure?.result()).toMatchObject({ pairs: 1, unanswered: 0, max: 4 });
  });

  it("uses the person's field over the decoder, and nothing for plain JSON without one", () => {
    expect(latencyMeasure('', null)).toBeNull();
    expect(latencyMeasure('  ', { ...socketLike, decoderId: 'json' })).toBeNull();
    const byField = latencyMeasure('event', socketLike);
    byField?.add(socketChunk);
    expect(byField?.result()).toMatchObject({ field: 'event', pairs: 0, unanswered: 2 });
  });
});
