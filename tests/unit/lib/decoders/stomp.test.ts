import { FrameImpl, Parser, type IRawFrameType } from '@stomp/stompjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ComposeContext,
  ConnectionFacts,
  DecodedMessage,
  WireFrame,
} from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/stomp/detect';
import { decoder } from '../../../../src/lib/decoders/stomp/index';
import type { StompMessage } from '../../../../src/lib/decoders/stomp/message';

const facts: ConnectionFacts = { url: 'ws://broker.example:15674/ws', protocol: 'v12.stomp' };

function counter(): ComposeContext {
  let id = 0;
  return { nextId: () => id++ };
}

function decodeIn(text: string, session = decoder.start(facts)): DecodedMessage[] {
  const result = session.decode({ dir: 'in', text });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function composed(description: unknown): string {
  const result = decoder.compose!(description, counter());
  if (!result.ok) throw new Error(result.error);
  return (result.value[0] as { text: string }).text;
}

describe('STOMP detection', () => {
  it('knows the subprotocols stompjs offers, a /stomp path, and a command line', () => {
    expect(['v10.stomp', 'v11.stomp', 'v12.stomp', 'stomp'].every((p) => entry.byProtocol!(p))).toBe(true);
    expect(entry.byProtocol!('mqtt')).toBe(false);
    expect(entry.byUrl!(new URL('ws://h/app/stomp'))).toBe(true);
    expect(entry.byUrl!(new URL('ws://h/ws'))).toBe(false);
    expect(entry.sniff!({ dir: 'out', text: 'CONNECT\naccept-version:1.2\n\n\0' })).toBe(true);
    expect(
      entry.sniff!({ dir: 'in', bytes: new TextEncoder().encode('CONNECTED\r\nversion:1.2\n\n\0') }),
    ).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: '{"CONNECT":1}' })).toBe(false);
    expect(entry.label).toBe('STOMP');
  });
});

describe('STOMP decoding: the specification’s frames', () => {
  it('SUBSCRIBE', () => {
    const [message] = decodeIn('SUBSCRIBE\nid:0\ndestination:/queue/foo\nack:client\n\n\0');
    expect(message).toMatchObject({
      type: 'SUBSCRIBE',
      key: '/queue/foo',
      summary: 'SUBSCRIBE /queue/foo',
      fields: { command: 'SUBSCRIBE', id: '0', destination: '/queue/foo', ack: 'client' },
      pairing: { key: 'subscription:0', role: 'request' },
    });
  });

  it('MESSAGE, a reply to its subscription that is not the last', () => {
    const [message] = decodeIn(
      'MESSAGE\nsubscription:0\nmessage-id:007\ndestination:/queue/a\ncontent-type:text/plain\n\nhello queue a\0',
    );
    expect(message).toMatchObject({
      type: 'MESSAGE',
      key: '/queue/a',
      summary: 'MESSAGE /queue/a hello queue a',
      tree: { command: 'MESSAGE', body: 'hello queue a' },
      fields: { destination: '/queue/a', 'message-id': '007', body: 'hello queue a' },
      pairing: { key: 'subscription:0', role: 'reply', final: false },
    });
  });

  it('DISCONNECT with a receipt, and the RECEIPT', () => {
    const session = decoder.start(facts);
    const out = session.decode({ dir: 'out', text: 'DISCONNECT\nreceipt:77\n\n\0' });
    expect(out).toMatchObject({
      ok: true,
      value: [{ type: 'DISCONNECT', pairing: { key: 'receipt:77', role: 'request' } }],
    });
    const [receipt] = decodeIn('RECEIPT\nreceipt-id:77\n\n\0', session);
    expect(receipt).toMatchObject({
      type: 'RECEIPT',
      key: '77',
      pairing: { key: 'receipt:77', role: 'reply', final: true },
    });
  });

  it('ERROR with a receipt-id answers the frame that asked for it', () => {
    const [error] = decodeIn(
      'ERROR\nreceipt-id:message-12345\ncontent-type:text/plain\ncontent-length:12\nmessage:malformed frame received\n\nThe message:\0',
    );
    expect(error).toMatchObject({
      type: 'ERROR',
      key: 'malformed frame received',
      pairing: { key: 'receipt:message-12345', role: 'reply', final: true },
    });
  });

  it('CONNECT↔CONNECTED are a control exchange; an ERROR during the handshake answers the CONNECT', () => {
    const session = decoder.start(facts);
    expect(
      session.decode({ dir: 'out', text: 'CONNECT\naccept-version:1.2\nhost:stomp.github.org\n\n\0' }),
    ).toMatchObject({
      ok: true,
      value: [{ type: 'CONNECT', control: true, pairing: { key: 'connect', role: 'request' } }],
    });
    const [connected] = decodeIn('CONNECTED\nversion:1.2\n\n\0', session);
    expect(connected).toMatchObject({
      type: 'CONNECTED',
      summary: 'CONNECTED',
      control: true,
      pairing: { key: 'connect', role: 'reply', final: true },
    });
    expect(connected?.key).toBeUndefined();

    const refused = decoder.start(facts);
    refused.decode({ dir: 'out', text: 'STOMP\naccept-version:1.2\nhost:h\n\n\0' });
    expect(decodeIn('ERROR\nmessage:Bad CONNECT\n\n\0', refused)[0]?.pairing).toEqual({
      key: 'connect',
      role: 'reply',
      final: true,
    });
  });

  it('a bare EOL is a heart-beat, decoded as control', () => {
    for (const text of ['\n', '\r\n', '\n\n']) {
      expect(decodeIn(text)).toEqual([expect.objectContaining({ type: 'heart-beat', control: true })]);
    }
  });

  it('several frames in one WebSocket message, with EOLs between them', () => {
    const messages = decodeIn(
      'RECEIPT\nreceipt-id:1\n\n\0\n\nMESSAGE\ndestination:/a\nsubscription:s\n\nx\0\r\n',
    );
    expect(messages.map((m) => m.summary)).toEqual(['RECEIPT 1', 'MESSAGE /a x']);
  });

  it('content-length bodies may hold NULs; the octet after them must be the NUL', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('MESSAGE\ndestination:/b\ncontent-length:3\n\n'),
      0x61,
      0,
      0xff,
      0,
    ]);
    const result = decoder.start(facts).decode({ dir: 'in', bytes });
    expect(result).toMatchObject({ ok: true, value: [{ type: 'MESSAGE', tree: { bodyHex: '61 00 ff' } }] });
    expect(
      decoder.start(facts).decode({ dir: 'in', text: 'MESSAGE\ncontent-length:1\n\nab\0' }),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('not the NUL'),
    });
    // Octets, not characters: "é" is two.
    expect(decodeIn('SEND\ndestination:/c\ncontent-length:2\n\né\0')[0]?.tree).toMatchObject({ body: 'é' });
  });

  it('unescapes header values by the 1.2 rules, but never in CONNECT/CONNECTED; an undefined escape is an error', () => {
    const [message] = decodeIn('MESSAGE\ndestination:/a\\cb\nnote:one\\ntwo\\\\\\r\n\n\0');
    expect(message?.fields).toMatchObject({ destination: '/a:b', note: 'one\ntwo\\\r' });
    expect(decodeIn('CONNECTED\nversion:1.2\nserver:a\\cb\n\n\0')[0]?.fields).toMatchObject({
      server: 'a\\cb',
    });
    expect(decoder.start(facts).decode({ dir: 'in', text: 'MESSAGE\nx:a\\tb\n\n\0' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('“\\t” is not an escape STOMP 1.2 defines'),
    });
  });

  it('follows the negotiated version: 1.1 has no \\r, 1.0 no escapes at all', () => {
    const v11 = decoder.start({ ...facts, protocol: 'v11.stomp' });
    expect(v11.decode({ dir: 'in', text: 'MESSAGE\nx:a\\rb\n\n\0' })).toMatchObject({ ok: false });
    const v10 = decoder.start({ ...facts, protocol: '' });
    decodeIn('CONNECTED\n\n\0', v10);
    expect(decodeIn('MESSAGE\nx:a\\tb\n\n\0', v10)[0]?.fields).toMatchObject({ x: 'a\\tb' });
  });

  it('the first of a repeated header counts, and the tree keeps them all', () => {
    const [message] = decodeIn('MESSAGE\nfoo:World\nfoo:Hello\n\n\0');
    expect(message?.fields['foo']).toBe('World');
    expect(message?.tree).toMatchObject({
      allHeaders: [
        ['foo', 'World'],
        ['foo', 'Hello'],
      ],
    });
  });

  it('shows a JSON body as JSON, and a filter reads into it', () => {
    const [message] = decodeIn('MESSAGE\ndestination:/p\ncontent-type:application/json\n\n{"price":101}\0');
    expect(message?.fields['body']).toEqual({ price: 101 });
    expect(message?.tree).toMatchObject({ bodyJson: { price: 101 } });
  });

  it('puts together a frame split over several messages, each direction on its own', () => {
    const session = decoder.start(facts);
    expect(session.decode({ dir: 'out', text: 'SEND\ndestination:/q\n\nhel' })).toEqual({
      ok: true,
      value: [],
    });
    expect(decodeIn('\n', session)).toEqual([expect.objectContaining({ type: 'heart-beat' })]);
    expect(session.decode({ dir: 'out', text: 'lo\0' })).toMatchObject({
      ok: true,
      value: [{ summary: 'SEND /q hello' }],
    });
  });

  it('copes with frames out of order: a new frame drops a part that was never finished', () => {
    const session = decoder.start(facts);
    session.decode({ dir: 'in', text: 'MESSAGE\ndestination:/q\n\nhel' });
    expect(decodeIn('RECEIPT\nreceipt-id:9\n\n\0', session)).toEqual([
      expect.objectContaining({ type: 'RECEIPT' }),
    ]);
    expect(session.decode({ dir: 'in', text: 'lo\0' })).toMatchObject({ ok: false });
  });

  it('says why a frame is not STOMP', () => {
    const session = decoder.start(facts);
    expect(session.decode({ dir: 'in', text: 'HELLO\n\n\0' })).toEqual({
      ok: false,
      error: 'Not a STOMP frame: “HELLO” is not a STOMP command',
    });
    expect(session.decode({ dir: 'in', text: 'SEND\nno colon\n\n\0' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('has no colon'),
    });
    expect(session.decode({ dir: 'in', text: '{"a":1}' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('does not start a STOMP frame'),
    });
    expect(session.decode({ dir: 'in', text: 'SEND\ncontent-length:x\n\n\0' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a number'),
    });
  });
});

describe('STOMP composing', () => {
  it('writes a SEND with escaped headers and a content-length in octets', () => {
    expect(composed({ command: 'SEND', headers: { destination: '/queue/a:b' }, body: 'héllo' })).toBe(
      'SEND\ndestination:/queue/a\\cb\ncontent-length:6\n\nhéllo\0',
    );
  });

  it('leaves CONNECT unescaped, gives a SUBSCRIBE an id, and sends a JSON body as JSON', () => {
    expect(composed({ command: 'CONNECT', headers: { 'accept-version': '1.2', host: 'h:1' } })).toBe(
      'CONNECT\naccept-version:1.2\nhost:h:1\n\n\0',
    );
    expect(composed({ command: 'subscribe', headers: { destination: '/t' } })).toBe(
      'SUBSCRIBE\ndestination:/t\nid:0\n\n\0',
    );
    expect(composed({ command: 'SEND', headers: { destination: '/t' }, body: { a: 1 } })).toBe(
      'SEND\ndestination:/t\ncontent-type:application/json\ncontent-length:7\n\n{"a":1}\0',
    );
  });

  it('says what is wrong with a description', () => {
    const compose = (d: unknown) => decoder.compose!(d, counter());
    expect(compose('SEND')).toMatchObject({ ok: false });
    expect(compose({ command: 'MESSAGE' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('one a client sends'),
    });
    expect(compose({ command: 'SEND', headers: { a: {} } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('“a”'),
    });
    expect(compose({ command: 'CONNECT', headers: { a: 'x\ny' } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('line break'),
    });
  });

  it('round trips: what compose writes decodes to the same command, headers and body', () => {
    const headerName = fc
      .stringMatching(/^[a-z][a-z-]{0,8}$/)
      .filter((n) => n !== 'content-length' && n !== 'content-type');
    fc.assert(
      fc.property(
        fc.constantFrom('SEND', 'SUBSCRIBE', 'ACK', 'BEGIN', 'DISCONNECT'),
        fc.dictionary(headerName, fc.string()),
        fc.string(),
        (command, headers, body) => {
          const text = composed({ command, headers, body });
          const [message] = decodeIn(text);
          expect(message?.type).toBe(command);
          expect(message?.fields).toMatchObject(headers);
          expect((message?.tree as { body?: string }).body ?? '').toBe(body);
        },
      ),
    );
  }, 60_000);
});

describe('STOMP against stompjs, a real client library', () => {
  it('writes frames exactly as stompjs serializes them', () => {
    const frames: { command: string; headers: Record<string, string>; body?: string }[] = [
      { command: 'SEND', headers: { destination: '/queue/a:b', 'x-note': 'line\nbreak\\' }, body: 'hello' },
      { command: 'SUBSCRIBE', headers: { id: 'sub-0', destination: '/topic/x', ack: 'client-individual' } },
      { command: 'ACK', headers: { id: 'm-1' } },
      { command: 'CONNECT', headers: { 'accept-version': '1.2', host: 'h', 'heart-beat': '10000,10000' } },
    ];
    for (const frame of frames) {
      expect(composed(frame)).toBe(FrameImpl.marshall({ ...frame, escapeHeaderValues: true }));
    }
  });

  it('decodes what stompjs writes, and stompjs parses what we write the same way', () => {
    const written = FrameImpl.marshall({
      command: 'SEND',
      headers: { destination: '/q', 'x-colon': 'a:b', receipt: 'r1' },
      body: '{"n":1}',
      escapeHeaderValues: true,
    }) as string;
    const [ours] = decodeIn(written);
    expect(ours).toMatchObject({
      type: 'SEND',
      fields: { destination: '/q', 'x-colon': 'a:b' },
      pairing: { key: 'receipt:r1' },
    });

    const parsed: IRawFrameType[] = [];
    const parser = new Parser(
      (raw) => parsed.push(raw),
      () => undefined,
    );
    parser.parseChunk(
      composed({ command: 'SEND', headers: { destination: '/q', 'x-colon': 'a:b' }, body: 'é\0x' }),
    );
    const theirs = FrameImpl.fromRawFrame(parsed[0]!, true);
    expect(theirs.headers).toMatchObject({ destination: '/q', 'x-colon': 'a:b' });
    expect(theirs.body).toBe('é\0x');
  });
});

describe('STOMP keep-alive', () => {
  it('sends CONNECT with every version, the URL’s host and 10 s heart-beats on open', () => {
    const keepAlive = decoder.keepAlive!(facts);
    expect(keepAlive.onOpen(facts)).toEqual([
      { text: 'CONNECT\naccept-version:1.0,1.1,1.2\nhost:broker.example\nheart-beat:10000,10000\n\n\0' },
    ]);
  });

  it('beats at the interval CONNECTED negotiates, or not at all, and answers nothing', () => {
    const beat = (header: string | undefined): number | undefined => {
      const keepAlive = decoder.keepAlive!(facts);
      const headers = header === undefined ? '' : `heart-beat:${header}\n`;
      const [connected] = decodeIn(`CONNECTED\nversion:1.2\n${headers}\n\0`);
      expect(keepAlive.answer(connected!)).toEqual([]);
      return keepAlive.heartbeat?.intervalMs;
    };
    expect(decoder.keepAlive!(facts).heartbeat).toEqual({ intervalMs: 10_000, frame: { text: '\n' } });
    expect(beat('0,30000')).toBe(30_000);
    expect(beat('5000,4000')).toBe(10_000);
    expect(beat('5000,0')).toBeUndefined();
    expect(beat(undefined)).toBeUndefined();
    expect(decoder.keepAlive!(facts).answer(decodeIn('\n')[0]!)).toEqual([]);
  });
});

describe('STOMP pairing', () => {
  it('a SUBSCRIBE that asks for a receipt pairs with its MESSAGEs and with the RECEIPT', () => {
    const session = decoder.start(facts);
    const out = session.decode({
      dir: 'out',
      text: composed({ command: 'SUBSCRIBE', headers: { id: '5', destination: '/t', receipt: 'r5' } }),
    });
    const [subscribe] = (out.ok ? out.value : []) as StompMessage[];
    expect(subscribe?.pairing).toEqual({ key: 'subscription:5', role: 'request' });
    expect(subscribe?.morePairings).toEqual([{ key: 'receipt:r5', role: 'request' }]);
  });
});

describe('STOMP decoding never throws', () => {
  const anyFrame: fc.Arbitrary<WireFrame> = fc.oneof(
    fc.record({ dir: fc.constantFrom('in' as const, 'out' as const), text: fc.string({ unit: 'binary' }) }),
    fc.record({ dir: fc.constantFrom('in' as const, 'out' as const), bytes: fc.uint8Array() }),
    // Real frames cut anywhere, or with bytes flipped.
    fc
      .tuple(
        fc.constantFrom(
          'MESSAGE\nsubscription:0\ndestination:/a\\cb\ncontent-length:3\n\nabc\0',
          'CONNECTED\nversion:1.1\nheart-beat:0,0\n\n\0\n',
          'ERROR\nmessage:x\n\n\0',
        ),
        fc.nat(),
        fc.nat(255),
      )
      .map(([text, at, byte]) => {
        const bytes = new TextEncoder().encode(text);
        const cut = bytes.slice(0, at % (bytes.length + 1));
        if (cut.length) cut[at % cut.length] = byte;
        return { dir: 'in' as const, bytes: cut };
      }),
  );

  it('returns a result for random text, random bytes and damaged frames, in any order', () => {
    fc.assert(
      fc.property(fc.array(anyFrame, { maxLength: 6 }), (frames) => {
        const session = decoder.start(facts);
        for (const frame of frames) {
          const result = session.decode(frame);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.error).toMatch(/^Not a STOMP frame: /);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
