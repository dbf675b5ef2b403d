import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ComposeContext,
  ConnectionFacts,
  DecodedMessage,
  WireFrame,
} from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/phoenix/detect';
import { decoder } from '../../../../src/lib/decoders/phoenix/index';

const facts: ConnectionFacts = { url: 'wss://h.example/socket/websocket?vsn=2.0.0', protocol: '' };

function counter(): ComposeContext {
  let id = 1;
  return { nextId: () => id++ };
}

function decodeOne(frame: WireFrame): DecodedMessage {
  const result = decoder.start(facts).decode(frame);
  if (!result.ok) throw new Error(result.error);
  return result.value[0]!;
}

describe('Phoenix detection', () => {
  it('knows the v2 URL and message shape', () => {
    expect(entry.byUrl!(new URL(facts.url))).toBe(true);
    expect(entry.byUrl!(new URL('wss://h/socket/websocket'))).toBe(false);
    expect(entry.sniff!({ dir: 'out', text: '["1","1","room:lobby","phx_join",{}]' })).toBe(true);
    expect(entry.sniff!({ dir: 'out', text: '[null,"2","phoenix","heartbeat",{}]' })).toBe(true);
    expect(entry.sniff!({ dir: 'out', text: '[1,2,3]' })).toBe(false);
    expect(entry.label).toBe('Phoenix');
  });
});

describe('Phoenix decoding', () => {
  it('pairs a join with its phx_reply by ref', () => {
    const join = decodeOne({ dir: 'out', text: '["1","1","room:lobby","phx_join",{}]' });
    expect(join).toMatchObject({
      type: 'phx_join',
      key: 'room:lobby',
      summary: 'phx_join room:lobby {}',
      pairing: { key: 'ref:1', role: 'request' },
    });
    const reply = decodeOne({
      dir: 'in',
      text: '["1","1","room:lobby","phx_reply",{"status":"ok","response":{}}]',
    });
    expect(reply).toMatchObject({
      type: 'phx_reply',
      summary: 'phx_reply room:lobby ok {}',
      fields: { topic: 'room:lobby', status: 'ok', response: {} },
      pairing: { key: 'ref:1', role: 'reply', final: true },
    });
  });

  it('marks heartbeats and their replies as control; a broadcast has no pairing', () => {
    expect(decodeOne({ dir: 'out', text: '[null,"2","phoenix","heartbeat",{}]' })).toMatchObject({
      type: 'heartbeat',
      control: true,
      pairing: { key: 'ref:2' },
    });
    expect(
      decodeOne({ dir: 'in', text: '[null,"2","phoenix","phx_reply",{"status":"ok","response":{}}]' }),
    ).toMatchObject({ control: true });
    const broadcast = decodeOne({ dir: 'in', text: '[null,null,"room:lobby","new_msg",{"body":"hi"}]' });
    expect(broadcast).toMatchObject({ type: 'new_msg', fields: { payload: { body: 'hi' } } });
    expect(broadcast.pairing).toBeUndefined();
  });

  it('decodes v1 objects and v2 binary push, reply and broadcast', () => {
    expect(decodeOne({ dir: 'in', text: '{"topic":"t","event":"e","payload":{},"ref":"3"}' })).toMatchObject({
      type: 'e',
      key: 't',
      pairing: { key: 'ref:3' },
    });
    const enc = new TextEncoder();
    const bin = (kind: number, strings: string[], payload: number[]) =>
      new Uint8Array([
        kind,
        ...strings.map((s) => enc.encode(s).length),
        ...strings.flatMap((s) => [...enc.encode(s)]),
        ...payload,
      ]);
    expect(decodeOne({ dir: 'out', bytes: bin(0, ['1', '4', 't', 'up'], [1, 2]) })).toMatchObject({
      type: 'up',
      tree: { payload: { $bytes: '0102' } },
      pairing: { key: 'ref:4', role: 'request' },
    });
    expect(decodeOne({ dir: 'in', bytes: bin(1, ['1', '4', 't', 'ok'], [9]) })).toMatchObject({
      type: 'phx_reply',
      fields: { status: 'ok' },
      pairing: { key: 'ref:4', role: 'reply' },
    });
    expect(decodeOne({ dir: 'in', bytes: bin(2, ['t', 'b'], []) })).toMatchObject({ type: 'b', key: 't' });
  });

  it('says why a frame is not Phoenix', () => {
    const session = decoder.start(facts);
    expect(session.decode({ dir: 'in', text: '[1,2]' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('[join_ref, ref, topic, event, payload]'),
    });
    expect(session.decode({ dir: 'in', text: '[1,"2","t","e",{}]' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('strings or null'),
    });
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([7]) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('kind'),
    });
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([2, 5, 0, 1]) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('past the end'),
    });
  });
});

describe('Phoenix composing and keep-alive', () => {
  it('writes v2 arrays with a ref, a join being its own join_ref', () => {
    const context = counter();
    expect(decoder.compose!({ topic: 'room:lobby', event: 'phx_join', payload: {} }, context)).toEqual({
      ok: true,
      value: [{ text: '["1","1","room:lobby","phx_join",{}]' }],
    });
    expect(
      decoder.compose!(
        { topic: 'room:lobby', event: 'new_msg', payload: { body: 'hi' }, join_ref: '1' },
        context,
      ),
    ).toEqual({
      ok: true,
      value: [{ text: '["1","2","room:lobby","new_msg",{"body":"hi"}]' }],
    });
    expect(decoder.compose!({ topic: 1 }, context)).toMatchObject({ ok: false });
  });

  it('round trips topic, event and payload', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.jsonValue(), (topic, event, payload) => {
        const result = decoder.compose!({ topic, event, payload }, counter());
        const frame = (result.ok ? result.value[0] : undefined) as { text: string };
        expect(decodeOne({ dir: 'out', ...frame }).fields).toMatchObject({
          topic,
          event,
          payload: JSON.parse(JSON.stringify(payload)),
        });
      }),
    );
  }, 60_000);

  it('sends nothing on open and a heartbeat with a fresh ref every 30 s', () => {
    const keepAlive = decoder.keepAlive!(facts);
    expect(keepAlive.onOpen(facts)).toEqual([]);
    expect(keepAlive.heartbeat).toEqual({
      intervalMs: 30_000,
      frame: { text: '[null,"hb-1","phoenix","heartbeat",{}]' },
    });
    expect(keepAlive.heartbeat?.frame).toEqual({ text: '[null,"hb-2","phoenix","heartbeat",{}]' });
  });

  it('never throws on random text or bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }).map((text) => ({ text })),
          fc.uint8Array().map((bytes) => ({ bytes })),
        ),
        (frame) => {
          expect(typeof decoder.start(facts).decode({ dir: 'in', ...frame }).ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
