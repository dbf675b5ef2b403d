import { describe, expect, it } from 'vitest';
import { describeCloseCode } from '../../../../src/lib/ws/close-codes';

describe('close codes', () => {
  it('explains codes, 1006 above all', () => {
    expect(describeCloseCode(1006)).toMatch(
      /DNS failures, refused TCP connections, TLS errors, rejected handshakes/,
    );
    expect(describeCloseCode(1000)).toMatch(/^Normal closure/);
    expect(describeCloseCode(3001)).toMatch(/libraries and frameworks/);
    expect(describeCloseCode(4404)).toMatch(/Private use/);
    expect(describeCloseCode(2000)).toMatch(/Not a code/);
  });
});
