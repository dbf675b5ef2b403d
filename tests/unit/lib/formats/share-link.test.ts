import { describe, expect, it } from 'vitest';
import {
  decodeShareFragment,
  encodeShareFragment,
  MAX_SHARED_BYTES,
} from '../../../../src/lib/formats/share-link';
import { sharedFragment } from '../../../../src/lib/formats/share-fragment';
import { craftedFragment } from '../../fakes/crafted-link';
import { exportText } from '../../fakes/sample-session';

const HEADER =
  '{"format":"wsi-session","v":1,"app":"WS Inspector","session":{"url":"wss://h/"},"redactions":[]}';

describe('share links and file names', () => {
  it('carries a small session in the fragment and gives it back unchanged', async () => {
    const text = await exportText('native');
    const small = text
      .split('\n')
      .filter((line) => line.length < 1000)
      .join('\n');
    const encoded = await encodeShareFragment(new Blob([small]));
    if (!encoded.ok) throw new Error(encoded.error);
    const fragment = sharedFragment(`#${encoded.value}`);
    const decoded = await decodeShareFragment(fragment ?? '');
    if (!decoded.ok) throw new Error(decoded.error);
    expect(await decoded.value.text()).toBe(small);
  });

  it('refuses a session too large for a link, and explains a damaged one', async () => {
    const random = crypto.getRandomValues(new Uint8Array(60_000));
    expect(await encodeShareFragment(new Blob([random]))).toMatchObject({
      ok: false,
      error: /too large for a link/,
    });
    expect(await decodeShareFragment('!!')).toMatchObject({ ok: false, error: /damaged/ });
    expect(await decodeShareFragment('AAAA')).toMatchObject({ ok: false, error: /damaged/ });
  });

  it('carry only WS Inspector sessions: a HAR, other JSON or a newer format is refused with the reason', async () => {
    const har = JSON.stringify({
      log: { entries: [{ _resourceType: 'websocket', request: { url: 'wss://planted.example/ws' } }] },
    });
    for (const text of [har, '{"format":"wsi-profiles","v":1}', 'plain text', '']) {
      const decoded = await decodeShareFragment(await craftedFragment(new TextEncoder().encode(text)));
      expect(decoded).toMatchObject({ ok: false, error: /does not carry a WS Inspector session/ });
    }
    const newer = '{"format":"wsi-session","v":2}\n{"end":true,"count":0}';
    expect(await decodeShareFragment(await craftedFragment(new TextEncoder().encode(newer)))).toMatchObject({
      ok: false,
      error: /newer WS Inspector/,
    });
  });

  it('refuse a link that inflates past 4 MB, or more than 20 times its size, without inflating it all', async () => {
    const bomb = new Uint8Array(16 * 1024 * 1024);
    bomb.set(new TextEncoder().encode(`${HEADER}\n`));
    const fragment = await craftedFragment(bomb);
    expect(fragment.length).toBeLessThan(40 * 1024);
    expect(await decodeShareFragment(fragment)).toMatchObject({
      ok: false,
      error: /more than a link may carry/,
    });

    // 300 KB of one repeated line: under 4 MB, but inflating about a thousand times.
    const repetitive = `${HEADER}\n${'{"seq":0,"t":1,"dir":"in","kind":"text","data":"x"}\n'.repeat(6000)}`;
    expect(repetitive.length).toBeLessThan(MAX_SHARED_BYTES);
    const encoded = new TextEncoder().encode(repetitive);
    expect(await decodeShareFragment(await craftedFragment(encoded))).toMatchObject({
      ok: false,
      error: /20 times/,
    });
    expect(await encodeShareFragment(new Blob([encoded]))).toMatchObject({
      ok: false,
      error: /too repetitive/,
    });
  });
});
