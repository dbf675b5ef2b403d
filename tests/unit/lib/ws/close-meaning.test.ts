import { describe, expect, it } from 'vitest';
import { describeCloseCode } from '../../../../src/lib/ws/close-codes';
import { describeClose } from '../../../../src/lib/ws/close-meaning';

describe('describeClose', () => {
  it('tells a handshake that never completed from a connection dropped after opening', () => {
    const neverOpened = describeClose(1006, { opened: false, offeredProtocols: 1 });
    const dropped = describeClose(1006, { opened: true, offeredProtocols: 0 });
    expect(neverOpened).toMatch(/^The handshake never completed/);
    expect(neverOpened).toMatch(/DevTools \(F12\)/);
    expect(neverOpened).not.toMatch(/Subprotocols/);
    expect(dropped).toMatch(/^Dropped after opening/);
    expect(dropped).not.toMatch(/handshake|Subprotocols/);
  });

  it('points to Subprotocols when a refused handshake offered none', () => {
    expect(describeClose(1006, { opened: false, offeredProtocols: 0 })).toMatch(/list it in Subprotocols\.$/);
    // A handshake refused with a protocol-error code reads the same: it never opened.
    expect(describeClose(1002, { opened: false, offeredProtocols: 0 })).toMatch(
      /^The handshake never completed/,
    );
  });

  it('gives the standard meaning of any other close of an open connection', () => {
    expect(describeClose(4001, { opened: true, offeredProtocols: 0 })).toBe(describeCloseCode(4001));
    expect(describeClose(1000, { opened: true, offeredProtocols: 2 })).toBe(describeCloseCode(1000));
  });
});
