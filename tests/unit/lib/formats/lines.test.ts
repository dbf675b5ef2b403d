import { describe, expect, it } from 'vitest';
import { readLines } from '../../../../src/lib/formats/lines';

describe('readLines', () => {
  it('splits across chunk boundaries, drops over-long lines as they stream, and handles CRLF', async () => {
    const bytes = new TextEncoder().encode(`a\r\n${'x'.repeat(50)}\nb\nlast`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.subarray(i, i + 7));
        controller.close();
      },
    });
    const lines = [];
    for await (const line of readLines(stream, 20)) lines.push(line);
    expect(lines).toEqual([
      { text: 'a', tooLong: false },
      { text: '', tooLong: true },
      { text: 'b', tooLong: false },
      { text: 'last', tooLong: false },
    ]);
  });
});
