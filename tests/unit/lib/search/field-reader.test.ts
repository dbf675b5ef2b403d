import { describe, expect, it } from 'vitest';
import type { FieldQuery, WireFrame } from '../../../../src/lib/decoders/decoder';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { fieldsReader } from '../../../../src/lib/search/field-reader';

const chunk = new ChunkBuilder(0);
chunk.append({ kind: 'open', t: 0, protocol: '', extensions: '' });
for (const text of ['42["chat"]', '{"event":"chat"}', '{"other":"chat"}']) {
  chunk.append({ kind: 'text', dir: 'in', t: 0, text, size: text.length });
}

describe('fieldsReader', () => {
  it('parses plain JSON only where the quoted key and the value texts appear', () => {
    const reader = fieldsReader(null, ['event'], ['chat']);
    expect(reader(chunk, 1)).toEqual([]);
    expect(reader(chunk, 2)).toEqual([{ event: 'chat' }]);
    expect(reader(chunk, 3)).toEqual([]);
    expect(fieldsReader(null, ['event'], ['typing'])(chunk, 2)).toEqual([]);
  });

  it('reads an array element by its index, which the text does not write', () => {
    const items = new ChunkBuilder(0);
    const text = '{"items":["trade"]}';
    items.append({ kind: 'text', dir: 'in', t: 0, text, size: text.length });
    expect(fieldsReader(null, ['items', '0'], ['trade'])(items, 0)).toEqual([{ items: ['trade'] }]);
  });

  it("reads an array's length, which the text does not write either", () => {
    const items = new ChunkBuilder(0);
    const text = '{"items":["trade","quote"]}';
    items.append({ kind: 'text', dir: 'in', t: 0, text, size: text.length });
    expect(fieldsReader(null, ['items', 'length'])(items, 0)).toEqual([{ items: ['trade', 'quote'] }]);
  });

  it("asks a decoder's own field reader, with the path and the value texts, frames only", () => {
    const queries: FieldQuery[] = [];
    const read: WireFrame[] = [];
    const reader = fieldsReader(
      {
        decoderId: 'fast',
        label: 'Fast',
        session: {
          decode: () => ({ ok: false, error: 'a filter must not decode' }),
          fieldReader: (query) => {
            queries.push(query);
            return (frame) => (read.push(frame), [{ event: 'chat' }]);
          },
        },
      },
      ['event'],
      ['chat'],
    );
    expect(queries).toEqual([{ path: ['event'], texts: ['chat'] }]);
    expect(reader(chunk, 0)).toEqual([]);
    expect(reader(chunk, 1)).toEqual([{ event: 'chat' }]);
    expect(read).toEqual([{ dir: 'in', text: '42["chat"]' }]);
  });

  it('decodes every frame with a decoder that has no field reader', () => {
    const reader = fieldsReader(
      {
        decoderId: 'plain',
        label: 'Plain',
        session: {
          decode: (frame) => ({
            ok: true,
            value: [{ type: 'x', summary: '', tree: null, fields: { text: frame.text } }],
          }),
        },
      },
      ['text'],
      ['absent'],
    );
    expect(reader(chunk, 1)).toEqual([{ text: '42["chat"]' }]);
  });
});
