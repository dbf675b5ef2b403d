import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComposeContext, ConnectionFacts, DecodedMessage } from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/sockjs/detect';
import { decoder } from '../../../../src/lib/decoders/sockjs/index';

const facts: ConnectionFacts = { url: 'ws://h.example/echo/000/abcdefgh/websocket', protocol: '' };
const stompFacts: ConnectionFacts = { url: 'wss://h.example/stomp/123/x1y2z3/websocket', protocol: '' };

function counter(): ComposeContext {
  let id = 0;
  return { nextId: () => id++ };
}

function decodeAll(
  texts: [dir: 'in' | 'out', text: string][],
  session = decoder.start(facts),
): DecodedMessage[] {
  return texts.flatMap(([dir, text]) => {
    const result = session.decode({ dir, text });
    if (!result.ok) throw new Error(result.error);
    return result.value;
  });
}

function composed(description: unknown): string {
  const result = decoder.compose!(description, counter());
  if (!result.ok) throw new Error(result.error);
  return (result.value[0] as { text: string }).text;
}

describe('SockJS detection', () => {
  it('knows the raw WebSocket URL and the server’s frames', () => {
    expect(entry.byUrl!(new URL(facts.url))).toBe(true);
    expect(entry.byUrl!(new URL('ws://h/socket/websocket?vsn=2.0.0'))).toBe(false);
    expect(entry.byUrl!(new URL('ws://h/ws'))).toBe(false);
    for (const text of ['o', 'h', 'a["x"]', 'c[3000,"Go away!"]', 'm"x"'])
      expect(entry.sniff!({ dir: 'in', text })).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: 'open' })).toBe(false);
    expect(entry.label).toBe('SockJS');
  });
});

describe('SockJS framing', () => {
  it('decodes open and heartbeat as control, and close with its code and reason', () => {
    const [open, heartbeat, close] = decodeAll([
      ['in', 'o'],
      ['in', 'h'],
      ['in', 'c[3000,"Go away!"]'],
    ]);
    expect(open).toMatchObject({ type: 'open', control: true });
    expect(heartbeat).toMatchObject({ type: 'heartbeat', control: true });
    expect(close).toMatchObject({
      type: 'close',
      key: '3000',
      summary: 'close 3000 Go away!',
      fields: { code: 3000, reason: 'Go away!' },
    });
    expect(close?.control).toBeUndefined();
  });

  it('decodes every message in a[…], the old m"…", and a client’s ["…"], here as JSON', () => {
    const messages = decodeAll([
      ['out', '["{\\"a\\":1}"]'],
      ['in', 'a["{\\"a\\":1}","{\\"b\\":[2]}"]'],
      ['in', 'm"{\\"c\\":3}"'],
      ['in', 'a[]'],
    ]);
    expect(messages.map((m) => m.summary)).toEqual([
      'message {"a":1}',
      'message {"a":1}',
      'message {"b":[2]}',
      'message {"c":3}',
    ]);
    expect(messages[2]?.fields).toEqual({ b: [2] });
  });

  it('says why a frame is not SockJS', () => {
    const session = decoder.start(facts);
    expect(session.decode({ dir: 'in', text: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('starts with o, h, a, m or c'),
    });
    expect(session.decode({ dir: 'in', text: 'a[1]' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('array of strings'),
    });
    expect(session.decode({ dir: 'in', text: 'c[]' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('[code, "reason"]'),
    });
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([1]) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('text'),
    });
  });
});

describe('STOMP inside SockJS', () => {
  it('sniffs STOMP from the first inner message and decodes it, pairings included', () => {
    const messages = decodeAll([
      ['in', 'o'],
      ['out', JSON.stringify(['CONNECT\naccept-version:1.2\nhost:h\n\n\0'])],
      ['in', `a${JSON.stringify(['CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0'])}`],
      ['out', JSON.stringify(['SUBSCRIBE\nid:0\ndestination:/topic/x\n\n\0'])],
      [
        'in',
        `a${JSON.stringify(['MESSAGE\nsubscription:0\nmessage-id:1\ndestination:/topic/x\n\nhi\0', '\n'])}`,
      ],
    ]);
    expect(messages.map((m) => m.summary)).toEqual([
      'open',
      'CONNECT',
      'CONNECTED',
      'SUBSCRIBE /topic/x',
      'MESSAGE /topic/x hi',
      'heart-beat',
    ]);
    expect(messages[1]?.pairing).toEqual({ key: 'connect', role: 'request' });
    expect(messages[4]).toMatchObject({
      fields: { destination: '/topic/x' },
      pairing: { key: 'subscription:0', role: 'reply', final: false },
    });
  });

  it('joined midway, a STOMP message still decides; a message STOMP cannot read shows its error beside the text', () => {
    const session = decoder.start(facts);
    const [message] = decodeAll([['in', `a${JSON.stringify(['MESSAGE\ndestination:/q\n\nx\0'])}`]], session);
    expect(message?.type).toBe('MESSAGE');
    const [broken] = decodeAll([['in', 'a["MESSAGE\\nbad\\n\\n\\u0000"]']], session);
    expect(broken).toMatchObject({
      type: 'message',
      tree: { innerError: expect.stringContaining('no colon') },
    });
  });

  it('takes STOMP from a URL that names it, and keeps alive with STOMP wrapped in SockJS frames', () => {
    const keepAlive = decoder.keepAlive!(stompFacts);
    expect(keepAlive.onOpen(stompFacts)).toEqual([
      {
        text: JSON.stringify([
          'CONNECT\naccept-version:1.0,1.1,1.2\nhost:h.example\nheart-beat:10000,10000\n\n\0',
        ]),
      },
    ]);
    expect(keepAlive.heartbeat).toEqual({ intervalMs: 10_000, frame: { text: '["\\n"]' } });
    const [connected] = decodeAll(
      [['in', `a${JSON.stringify(['CONNECTED\nversion:1.2\nheart-beat:0,20000\n\n\0'])}`]],
      decoder.start(stompFacts),
    );
    expect(keepAlive.answer(connected!)).toEqual([]);
    expect(keepAlive.heartbeat?.intervalMs).toBe(20_000);
  });

  it('needs no keep-alive of its own otherwise', () => {
    const keepAlive = decoder.keepAlive!(facts);
    expect(keepAlive.onOpen(facts)).toEqual([]);
    expect(keepAlive.answer(decodeAll([['in', 'h']])[0]!)).toEqual([]);
    expect(keepAlive.heartbeat).toBeUndefined();
  });
});

describe('SockJS composing', () => {
  it('wraps text, texts, JSON and a STOMP description as a client’s ["…"]', () => {
    expect(composed('hello')).toBe('["hello"]');
    expect(composed(['a', 'b'])).toBe('["a","b"]');
    expect(composed({ a: 1 })).toBe('["{\\"a\\":1}"]');
    expect(composed({ stomp: { command: 'SEND', headers: { destination: '/q' }, body: 'hi' } })).toBe(
      JSON.stringify(['SEND\ndestination:/q\ncontent-length:2\n\nhi\0']),
    );
    expect(decoder.compose!({ stomp: { command: 'NOPE' } }, counter())).toMatchObject({
      ok: false,
      error: expect.stringContaining('STOMP inside SockJS'),
    });
  });

  it('round trips: what compose writes, echoed in a[…], decodes to the messages composed', () => {
    const notStomp = fc.string({ unit: 'binary' }).filter((text) => !/^[A-Z]+\r?\n/.test(text));
    fc.assert(
      fc.property(fc.array(notStomp, { minLength: 1, maxLength: 4 }), (texts) => {
        const decoded = decodeAll([['in', `a${composed(texts)}`]]);
        expect(decoded.map((m) => m.tree)).toEqual(texts.map((text) => jsonOrText(text)));
      }),
    );
  }, 60_000);
});

/** How the inner decoding shows a message: JSON as its value, anything else as text. */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

describe('SockJS decoding never throws', () => {
  it('returns a result for random text, damaged frames and random bytes', () => {
    const damaged = fc
      .tuple(
        fc.constantFrom(
          'o',
          'a["CONNECTED\\nversion:1.2\\n\\n\\u0000"]',
          'c[3000,"Go away!"]',
          'a["{\\"x\\":1}"]',
        ),
        fc.nat(),
        fc.string(),
      )
      .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), damaged), { maxLength: 6 }),
        fc.constantFrom('in' as const, 'out' as const),
        (texts, dir) => {
          const session = decoder.start(facts);
          for (const text of texts) expect(typeof session.decode({ dir, text }).ok).toBe('boolean');
          expect(session.decode({ dir, bytes: new TextEncoder().encode(texts[0] ?? '') }).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
