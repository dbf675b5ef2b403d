import { decode as decodeMsgpack, encode as encodeMsgpack } from '@msgpack/msgpack';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor2';
import { describe, expect, it } from 'vitest';
import { HarRecords } from '../../../../src/lib/formats/har-writer';
import { nativeRecordLine } from '../../../../src/lib/formats/native';
import { RedactionPlan } from '../../../../src/lib/redact/plan';
import { parseBase64 } from '../../../../src/lib/encoding/base64';
import type { FrameRecord } from '../../../../src/lib/model/frame';

const SECRET = 's3cr3t-value-42';
const plan = () => RedactionPlan.for('wss://x.test/feed', [], [{ name: 'apiKey', value: SECRET }]);

function binary(bytes: Uint8Array): FrameRecord {
  return { kind: 'binary', dir: 'out', t: 1, seq: 0, bytes, size: bytes.length };
}

function bytesOf(b64: string): Uint8Array {
  const parsed = parseBase64(b64);
  if (!parsed.ok) throw new Error('bad base64');
  return parsed.value;
}

/** The frame as the native file and the HAR file carry it, decoded back to bytes. */
function exported(bytes: Uint8Array, chosen = plan()): { native: Uint8Array; har: Uint8Array } {
  const line = JSON.parse(nativeRecordLine(binary(bytes), chosen)) as { b64: string };
  const har = new HarRecords(chosen);
  const message = JSON.parse(har.record(binary(bytes)).slice(1)) as { data: string };
  return { native: bytesOf(line.b64), har: bytesOf(message.data) };
}

const FRAME = { op: 'auth', nested: { sessionToken: 'opaque-1234', note: `key is ${SECRET}` }, n: 7 };

describe('redaction of binary frames', () => {
  it('redacts a secret and a credential-named field inside MessagePack, in native and HAR exports', () => {
    const chosen = plan();
    const { native, har } = exported(encodeMsgpack(FRAME), chosen);
    for (const bytes of [native, har]) {
      expect(decodeMsgpack(bytes)).toEqual({
        op: 'auth',
        nested: { sessionToken: 'REDACTED', note: 'key is REDACTED' },
        n: 7,
      });
    }
    expect(chosen.uncheckedBinary).toBe(0);
    expect(chosen.redactions.map((r) => r.what)).toContain(
      'the value of a credential-named field in a binary message',
    );
  });

  it('redacts the same inside CBOR', () => {
    const { native, har } = exported(encodeCbor(FRAME));
    for (const bytes of [native, har]) {
      expect(decodeCbor(bytes)).toEqual({
        op: 'auth',
        nested: { sessionToken: 'REDACTED', note: 'key is REDACTED' },
        n: 7,
      });
    }
  });

  it('keeps a frame without secrets byte for byte, and counts frames it could not read', () => {
    const chosen = plan();
    const clean = encodeMsgpack({ op: 'ping', n: 1 });
    expect(exported(clean, chosen).native).toEqual(clean);
    const opaque = new Uint8Array([0xff, 0x00, 0x13, 0x37, 0x42]);
    expect(exported(opaque, chosen).native).toEqual(opaque);
    // Each opaque frame was seen twice: once by each writer.
    expect(chosen.uncheckedBinary).toBe(2);
  });

  it('leaves everything as recorded when the person includes secrets', () => {
    const chosen = RedactionPlan.none('wss://x.test/feed', []);
    const frame = encodeMsgpack(FRAME);
    expect(exported(frame, chosen).native).toEqual(frame);
    expect(chosen.uncheckedBinary).toBe(0);
  });
});
