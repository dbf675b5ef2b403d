import fc from 'fast-check';
import { JSONRPCClient, JSONRPCServer, type JSONRPCRequest } from 'json-rpc-2.0';
import { describe, expect, it } from 'vitest';
import type { ComposeContext, DecodedMessage, WireFrame } from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/json-rpc/detect';
import { decoder } from '../../../../src/lib/decoders/json-rpc/index';

const FACTS = { url: 'ws://h/rpc', protocol: '' };

function counter(): ComposeContext {
  let id = 0;
  return { nextId: () => ++id };
}

function decode(text: string, dir: 'in' | 'out' = 'in'): DecodedMessage[] {
  const result = decoder.start(FACTS).decode({ dir, text });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('detection', () => {
  it('knows JSON-RPC by "jsonrpc":"2.0" in a JSON object or batch', () => {
    expect(entry.sniff!({ dir: 'out', text: '{"jsonrpc":"2.0","id":1,"method":"a"}' })).toBe(true);
    expect(entry.sniff!({ dir: 'out', text: '[{"id":1, "jsonrpc" : "2.0"}]' })).toBe(true);
    expect(entry.sniff!({ dir: 'out', text: 'say "jsonrpc":"2.0"' })).toBe(false);
    expect(entry.label).toBe('JSON-RPC');
  });
});

describe('spec vectors', () => {
  it('a request, paired by id', () => {
    const [request] = decode(
      '{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}',
      'out',
    );
    expect(request).toMatchObject({
      type: 'eth_subscribe',
      key: 'eth_subscribe',
      summary: 'eth_subscribe ["newHeads"] (id 1)',
      fields: {
        method: 'eth_subscribe',
        id: 1,
        params: ['newHeads'],
        kind: 'request',
        type: 'eth_subscribe',
      },
      pairing: { key: 'id:1', role: 'request' },
    });
  });

  it('its result', () => {
    const [result] = decode('{"jsonrpc":"2.0","id":1,"result":"0x9cef478923ff08bf67fde6c64013158d"}');
    expect(result).toMatchObject({
      type: 'result',
      key: '1',
      summary: 'result 1: "0x9cef478923ff08bf67fde6c64013158d"',
      pairing: { key: 'id:1', role: 'reply', final: true },
    });
  });

  it('a subscription notification, keyed and paired by its subscription', () => {
    const [item] = decode(
      '{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0x9cef","result":{"number":"0x1b4"}}}',
    );
    expect(item).toMatchObject({
      type: 'eth_subscription',
      key: '0x9cef',
      summary: 'eth_subscription 0x9cef {"number":"0x1b4"}',
      fields: { subscription: '0x9cef', kind: 'notification' },
      pairing: { key: 'subscription:0x9cef', role: 'reply', final: false },
    });
  });

  it('a notification and an error', () => {
    expect(decode('{"jsonrpc":"2.0","method":"update","params":[1,2]}')[0]).toMatchObject({
      type: 'update',
      summary: 'update [1,2]',
      fields: { kind: 'notification' },
    });
    expect(decode('{"jsonrpc":"2.0","method":"update","params":[1,2]}')[0]!.pairing).toBeUndefined();
    expect(
      decode('{"jsonrpc":"2.0","id":"a","error":{"code":-32601,"message":"Method not found"}}')[0],
    ).toMatchObject({
      type: 'error',
      key: '"a"',
      summary: 'error "a": -32601 Method not found',
      pairing: { key: 'id:"a"', role: 'reply', final: true },
    });
    expect(
      decode('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}')[0]!.pairing,
    ).toBeUndefined();
  });

  it('a batch: one frame, several messages, a bad element shown as such', () => {
    const messages = decode(
      '[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","method":"b"},1]',
      'out',
    );
    expect(messages.map((m) => m.type)).toEqual(['a', 'b', 'invalid']);
    expect(messages[2]!.summary).toBe(
      'invalid element 2 of the batch: A JSON-RPC message is an object; this is 1',
    );
  });

  it('a request the server sends is paired apart from the client’s ids', () => {
    expect(decode('{"jsonrpc":"2.0","id":1,"method":"ping"}', 'in')[0]!.pairing).toEqual({
      key: 'server-id:1',
      role: 'request',
    });
    expect(decode('{"jsonrpc":"2.0","id":1,"result":"pong"}', 'out')[0]!.pairing).toEqual({
      key: 'server-id:1',
      role: 'reply',
      final: true,
    });
  });

  it('JSON-RPC 1.0 replies, with result and error both present', () => {
    expect(decode('{"id":3,"result":7,"error":null}')[0]).toMatchObject({
      type: 'result',
      fields: { result: 7 },
    });
    expect(decode('{"id":3,"result":null,"error":"boom"}')[0]).toMatchObject({
      type: 'error',
      summary: 'error 3: "boom"',
    });
  });

  it('UTF-8 JSON in a binary frame', () => {
    const bytes = new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"result":true}');
    const result = decoder.start(FACTS).decode({ dir: 'in', bytes });
    expect(result.ok && result.value[0]!.type).toBe('result');
  });

  it.each([
    ['not json', 'JSON-RPC is JSON; this frame is not valid JSON'],
    ['[]', 'An empty batch: JSON-RPC batches hold at least one message'],
    ['"x"', 'A JSON-RPC message is an object; this is "x"'],
    [
      '{"jsonrpc":"2.0","id":1}',
      'A JSON-RPC message has a "method" (a request or notification), a "result" or an "error"',
    ],
    ['{"jsonrpc":"2.0","method":"a","params":3}', 'The params of a are an object or an array, not 3'],
  ])('says why %j is not JSON-RPC', (text, error) => {
    expect(decoder.start(FACTS).decode({ dir: 'in', text })).toEqual({ ok: false, error });
  });

  it('says so of binary that is not UTF-8', () => {
    expect(decoder.start(FACTS).decode({ dir: 'in', bytes: new Uint8Array([0xff]) })).toEqual({
      ok: false,
      error: 'JSON-RPC is JSON text; this frame is binary and not UTF-8',
    });
  });
});

describe('compose', () => {
  it('assigns an id to a request, none to a notification, and sends an array as a batch', () => {
    expect(decoder.compose!({ method: 'add', params: { a: 1, b: 2 } }, counter())).toEqual({
      ok: true,
      value: [{ text: '{"jsonrpc":"2.0","id":1,"method":"add","params":{"a":1,"b":2}}' }],
    });
    expect(decoder.compose!({ method: 'log', notify: true }, counter())).toEqual({
      ok: true,
      value: [{ text: '{"jsonrpc":"2.0","method":"log"}' }],
    });
    expect(decoder.compose!([{ method: 'a' }, { method: 'b', params: [] }], counter())).toEqual({
      ok: true,
      value: [
        { text: '[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","id":2,"method":"b","params":[]}]' },
      ],
    });
  });

  it.each([
    [null, 'Describe a JSON-RPC request as an object, e.g. {"method":"add","params":[1,2]}'],
    [{ params: [] }, '“method” names the method to call'],
    [{ method: 'a', params: 1 }, '“params” is an object or an array'],
    [{ method: 'a', notify: 1 }, '“notify” is true to send a notification (no id, no reply), or false'],
    [[], 'A batch holds at least one request'],
    [[{ method: 'a' }, {}], 'Request 2 of the batch: “method” names the method to call'],
  ])('refuses %j', (description, error) => {
    expect(decoder.compose!(description, counter())).toEqual({ ok: false, error });
  });

  it('has no keep-alive: JSON-RPC needs none', () => {
    expect(decoder.keepAlive).toBeUndefined();
  });
});

describe('json-rpc-2.0 as an oracle', () => {
  const params = fc.oneof(
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
  );
  const method = fc.string({ minLength: 1 });

  it('its server answers what we compose, and we pair its answer with our request', async () => {
    await fc.assert(
      fc.asyncProperty(method, params, async (name, p) => {
        const server = new JSONRPCServer();
        server.addMethod(name, (received) => received);
        const composed = decoder.compose!({ method: name, params: p }, counter());
        if (!composed.ok) throw new Error(composed.error);
        const text = (composed.value[0] as { text: string }).text;
        const response = await server.receiveJSON(text);
        const [request] = decode(text, 'out');
        const [reply] = decode(JSON.stringify(response), 'in');
        expect(reply!.pairing).toEqual({ key: request!.pairing!.key, role: 'reply', final: true });
        expect(reply!.fields['result']).toEqual(JSON.parse(JSON.stringify(p)));
      }),
    );
  });

  it('we decode what its client sends: requests and notifications', () => {
    fc.assert(
      fc.property(method, params, (name, p) => {
        const sent: unknown[] = [];
        const client = new JSONRPCClient((payload: JSONRPCRequest) => void sent.push(payload));
        // The request is never answered here: its promise is dropped once rejected below.
        client.request(name, p).then(undefined, () => undefined);
        client.notify(name, p);
        const [request, notification] = sent.map((payload) => decode(JSON.stringify(payload), 'out')[0]!);
        expect(request).toMatchObject({
          type: name,
          fields: { kind: 'request', id: 1 },
          pairing: { key: 'id:1' },
        });
        expect(notification).toMatchObject({ type: name, fields: { kind: 'notification' } });
        client.rejectAllPendingRequests('done');
      }),
    );
  });
});

describe('never throws', () => {
  it('on random strings, JSON values and bytes', () => {
    const frame = fc.oneof(
      fc.string().map((text): WireFrame => ({ dir: 'in', text })),
      fc.jsonValue().map((value): WireFrame => ({ dir: 'in', text: JSON.stringify(value) })),
      fc
        .record(
          {
            method: fc.jsonValue(),
            params: fc.jsonValue(),
            id: fc.jsonValue(),
            result: fc.jsonValue(),
            error: fc.jsonValue(),
          },
          { requiredKeys: [] },
        )
        .map((value): WireFrame => ({ dir: 'in', text: JSON.stringify([value, value]) })),
      fc.uint8Array({ maxLength: 16 }).map((bytes): WireFrame => ({ dir: 'in', bytes })),
    );
    fc.assert(
      fc.property(frame, (f) => {
        expect(typeof decoder.start(FACTS).decode(f).ok).toBe('boolean');
      }),
    );
  });

  it('on truncations of valid frames', () => {
    const text =
      '[{"jsonrpc":"2.0","id":1,"method":"a","params":{"subscription":"s"}},{"id":2,"result":[1]}]';
    for (let end = 0; end <= text.length; end++) {
      expect(typeof decoder.start(FACTS).decode({ dir: 'in', text: text.slice(0, end) }).ok).toBe('boolean');
    }
  });
});
