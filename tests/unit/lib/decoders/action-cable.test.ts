import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionFacts, DecodedMessage } from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/action-cable/detect';
import { decoder } from '../../../../src/lib/decoders/action-cable/index';

const facts: ConnectionFacts = { url: 'wss://h.example/cable', protocol: 'actioncable-v1-json' };
const context = { nextId: () => 0 };

function decodeOne(dir: 'in' | 'out', text: string): DecodedMessage {
  const result = decoder.start(facts).decode({ dir, text });
  if (!result.ok) throw new Error(result.error);
  return result.value[0]!;
}

describe('Action Cable', () => {
  it('is detected by subprotocol, /cable, or the welcome', () => {
    expect(entry.byProtocol!('actioncable-v1-json')).toBe(true);
    expect(entry.byUrl!(new URL(facts.url))).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: '{"type":"welcome"}' })).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: '{"type":"welcome","sid":"abc123"}' })).toBe(true);
    // Another app's greeting that happens to say "welcome" (the sandbox's chat room) is not Action Cable.
    expect(entry.sniff!({ dir: 'in', text: '{"type":"welcome","name":"alice","members":["alice"]}' })).toBe(
      false,
    );
    expect(entry.label).toBe('Action Cable');
  });

  it('decodes welcome and ping as control', () => {
    expect(decodeOne('in', '{"type":"welcome"}')).toMatchObject({
      type: 'welcome',
      summary: 'welcome',
      control: true,
    });
    expect(decodeOne('in', '{"type":"ping","message":1700000000}')).toMatchObject({
      type: 'ping',
      summary: 'ping',
      control: true,
    });
  });

  it('parses identifier and data again, and pairs a subscribe with its confirmation and broadcasts', () => {
    const identifier = '{"channel":"ChatChannel","room":"1"}';
    const subscribe = decodeOne('out', JSON.stringify({ command: 'subscribe', identifier }));
    expect(subscribe).toMatchObject({
      type: 'subscribe',
      key: 'ChatChannel',
      fields: { identifier: { channel: 'ChatChannel', room: '1' }, channel: 'ChatChannel' },
      pairing: { key: `identifier:${identifier}`, role: 'request' },
    });
    expect(decodeOne('in', JSON.stringify({ type: 'confirm_subscription', identifier }))).toMatchObject({
      pairing: { key: `identifier:${identifier}`, role: 'reply', final: false },
    });
    expect(
      decodeOne('in', JSON.stringify({ type: 'reject_subscription', identifier })).pairing,
    ).toMatchObject({ final: true });
    const broadcast = decodeOne('in', JSON.stringify({ identifier, message: { text: 'hi' } }));
    expect(broadcast).toMatchObject({
      type: 'message',
      summary: 'message ChatChannel {"text":"hi"}',
      fields: { message: { text: 'hi' } },
      pairing: { role: 'reply', final: false },
    });
    const speak = decodeOne(
      'out',
      JSON.stringify({ command: 'message', identifier, data: '{"action":"speak","text":"yo"}' }),
    );
    expect(speak).toMatchObject({ type: 'message', fields: { data: { action: 'speak', text: 'yo' } } });
    expect(speak.pairing).toBeUndefined();
    expect(decodeOne('in', '{"type":"disconnect","reason":"unauthorized","reconnect":false}').summary).toBe(
      'disconnect unauthorized',
    );
  });

  it('says why a frame is not Action Cable', () => {
    const session = decoder.start(facts);
    expect(session.decode({ dir: 'in', text: '[1]' })).toMatchObject({ ok: false });
    expect(session.decode({ dir: 'in', text: '{"a":1}' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"type"'),
    });
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([1]) })).toMatchObject({ ok: false });
  });

  it('composes commands with identifier and data as JSON strings, and round trips', () => {
    expect(
      decoder.compose!({ command: 'subscribe', identifier: { channel: 'ChatChannel' } }, context),
    ).toEqual({
      ok: true,
      value: [{ text: '{"command":"subscribe","identifier":"{\\"channel\\":\\"ChatChannel\\"}"}' }],
    });
    expect(decoder.compose!({ command: 'message', identifier: { channel: 'C' } }, context)).toMatchObject({
      ok: false,
      error: expect.stringContaining('"data"'),
    });
    expect(decoder.compose!({ command: 'speak' }, context)).toMatchObject({ ok: false });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.string()),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (identifier, data) => {
          const result = decoder.compose!({ command: 'message', identifier, data }, context);
          const [frame] = result.ok ? result.value : [];
          const decoded = decodeOne('out', (frame as { text: string }).text);
          expect(decoded.fields).toMatchObject({ identifier, data: JSON.parse(JSON.stringify(data)) });
        },
      ),
    );
  }, 60_000);

  it('keeps alive by doing nothing: the server pings, nobody answers', () => {
    const keepAlive = decoder.keepAlive!(facts);
    expect(keepAlive.onOpen(facts)).toEqual([]);
    expect(keepAlive.answer(decodeOne('in', '{"type":"ping","message":1}'))).toEqual([]);
    expect(keepAlive.heartbeat).toBeUndefined();
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json()), (text) => {
        expect(typeof decoder.start(facts).decode({ dir: 'in', text }).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
