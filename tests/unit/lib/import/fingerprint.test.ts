import { describe, expect, it } from 'vitest';
import { FINGERPRINT_HEAD_BYTES, fileFingerprint } from '../../../../src/lib/import/fingerprint';

const file = (name: string, text: string) => new File([text], name);

describe('fileFingerprint', () => {
  it('is the same for the same bytes under another name, and differs with the size or the start', async () => {
    const text = '{"format":"wsi-session"}\n{"seq":0}\n';
    const print = await fileFingerprint(file('feed.wsi.jsonl', text));
    expect(print).toMatch(new RegExp(`^${text.length}:[0-9a-f]{64}$`));
    expect(await fileFingerprint(file('feed (1).wsi.jsonl', text))).toBe(print);
    expect(await fileFingerprint(file('feed.wsi.jsonl', `${text}{"seq":1}\n`))).not.toBe(print);
    expect(await fileFingerprint(file('feed.wsi.jsonl', text.replace('0', '1')))).not.toBe(print);
  });

  it('reads only the start of a large file: bytes past it change the size alone', async () => {
    const head = 'a'.repeat(FINGERPRINT_HEAD_BYTES);
    const one = await fileFingerprint(file('big', `${head}x`));
    const other = await fileFingerprint(file('big', `${head}y`));
    expect(one).toBe(other);
    const pulled: number[] = [];
    const source = {
      name: 'endless',
      size: Number.MAX_SAFE_INTEGER,
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled.push(1);
            controller.enqueue(new Uint8Array(16 * 1024));
          },
        }),
    };
    expect(await fileFingerprint(source)).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(pulled.length).toBeLessThan(10);
  });
});
