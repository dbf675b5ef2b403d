import { describe, expect, it } from 'vitest';
import type { Decoder, DecoderEntry } from '../../../../src/lib/decoders/decoder';
import {
  DECODER_ENTRIES,
  decodeChoices,
  findEntry,
  loadDecoder,
} from '../../../../src/lib/decoders/registry';

describe('the decoder registry', () => {
  it('lists plain JSON last, so protocols built on JSON are tried before it', () => {
    expect(DECODER_ENTRIES.at(-1)?.id).toBe('json');
    expect(findEntry('json')?.label).toBe('JSON');
    expect(findEntry('nope')).toBeUndefined();
  });

  it('offers Auto, None and each decoder by the name its protocol uses', () => {
    const choices = decodeChoices();
    expect(choices.slice(0, 2)).toEqual([
      { value: 'auto', label: 'Auto' },
      { value: 'none', label: 'None' },
    ]);
    expect(choices).toContainEqual({ value: 'json', label: 'JSON' });
  });

  it('loads a decoder once, and again after a failed load', async () => {
    let loads = 0;
    const decoder: Decoder = {
      id: 'once',
      label: 'Once',
      start: () => ({ decode: () => ({ ok: true, value: [] }) }),
    };
    const entry: DecoderEntry = {
      id: 'once',
      label: 'Once',
      load: () => (++loads === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(decoder)),
    };
    await expect(loadDecoder(entry)).rejects.toThrow('offline');
    await Promise.resolve();
    expect(await loadDecoder(entry)).toBe(decoder);
    expect(await loadDecoder(entry)).toBe(decoder);
    expect(loads).toBe(2);
  });

  it('loads the JSON decoder when first asked', async () => {
    const json = await loadDecoder(findEntry('json') as DecoderEntry);
    expect(json.id).toBe('json');
  });
});
