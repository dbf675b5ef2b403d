import { describe, expect, it } from 'vitest';
import { looksLikeJsonContainer } from '../../../../../src/lib/decoders/json/detect';
import { decodeJsonFrame, decoder } from '../../../../../src/lib/decoders/json/index';

function decodeText(text: string) {
  return decodeJsonFrame({ dir: 'in', text });
}

describe('the JSON decoder', () => {
  it('names a message by its type field and its key, and previews it on one line', () => {
    const decoded = decodeText('{"event":"message","channel":"chat",\n "text":"hi"}');
    expect(decoded).toEqual({
      ok: true,
      value: [
        {
          type: 'message',
          key: 'chat',
          summary: 'message chat {"event":"message","channel":"chat", "text":"hi"}',
          tree: { event: 'message', channel: 'chat', text: 'hi' },
          fields: { event: 'message', channel: 'chat', text: 'hi' },
        },
      ],
    });
  });

  it('looks for the type in type, event, method, op and action, and falls back to object or array', () => {
    const typeOf = (text: string) => {
      const decoded = decodeText(text);
      return decoded.ok ? decoded.value[0]?.type : decoded.error;
    };
    expect(typeOf('{"op":"subscribe","type":7}')).toBe('subscribe');
    expect(typeOf('{"action":"buy"}')).toBe('buy');
    expect(typeOf('{"price":1}')).toBe('object');
    expect(typeOf(' [1, 2] ')).toBe('array');
  });

  it('decodes arrays as one message whose fields are indexed', () => {
    const decoded = decodeText('[{"id":1},{"id":2}]');
    expect(decoded.ok && decoded.value[0]?.fields).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decoded.ok && decoded.value[0]?.key).toBeUndefined();
  });

  it('finds no message in text that is not JSON, or in binary frames, and says why broken JSON is broken', () => {
    expect(decodeText('hello')).toEqual({ ok: true, value: [] });
    expect(decodeText('42')).toEqual({ ok: true, value: [] });
    expect(decodeJsonFrame({ dir: 'in', bytes: new Uint8Array([123, 125]) })).toEqual({
      ok: true,
      value: [],
    });
    const broken = decodeText('{"a": }');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^Not valid JSON: /);
  });

  it('keeps integers beyond double precision exactly as sent', () => {
    const decoded = decodeText(
      '{"id":12345678901234567890,"n":-98765432109876543210,"s":"12345678901234567890","ok":9007199254740991,"f":1.5}',
    );
    const tree = decoded.ok ? (decoded.value[0]?.tree as Record<string, unknown>) : {};
    expect(tree.id).toBe(12345678901234567890n);
    expect(String(tree.id)).toBe('12345678901234567890');
    expect(tree.n).toBe(-98765432109876543210n);
    expect(tree.s).toBe('12345678901234567890');
    expect(tree.ok).toBe(9007199254740991);
    expect(tree.f).toBe(1.5);
  });

  it('is not fooled by long digit runs inside strings, escaped quotes included', () => {
    const decoded = decodeText('{"a":"x\\"12345678901234567890","b":[12345678901234567891]}');
    const tree = decoded.ok ? (decoded.value[0]?.tree as { a: string; b: unknown[] }) : null;
    expect(tree?.a).toBe('x"12345678901234567890');
    expect(tree?.b[0]).toBe(12345678901234567891n);
  });

  it('starts a session that keeps no state', () => {
    const session = decoder.start({ url: 'ws://h/', protocol: '' });
    expect(session.decode({ dir: 'out', text: '{"type":"a"}' }).ok).toBe(true);
  });
});

describe('looksLikeJsonContainer', () => {
  it('looks at the first and last characters only', () => {
    expect(looksLikeJsonContainer(' {"a":1}\n')).toBe(true);
    expect(looksLikeJsonContainer('[1]')).toBe(true);
    expect(looksLikeJsonContainer('{"a":1]')).toBe(false);
    expect(looksLikeJsonContainer('hello {}')).toBe(false);
    expect(looksLikeJsonContainer('')).toBe(false);
  });
});
