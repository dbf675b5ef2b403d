import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { checkNativeRecord, nativeRecordLine } from '../../../../src/lib/formats/native';
import { RedactionPlan } from '../../../../src/lib/formats/redaction';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import { T0, chunksOf, importText, readSession, report, sampleMeta } from '../../fakes/sample-session';
import { exportInThread } from '../../fakes/export-in-thread';

/** A session through the agent: what it saw on the wire rides on the records. */
const THROUGH_AGENT: UnnumberedRecord[] = [
  { kind: 'open', t: T0, protocol: '', extensions: 'permessage-deflate' },
  { kind: 'text', dir: 'out', t: T0 + 1, text: 'hi', size: 2, compressed: true },
  { kind: 'text', dir: 'in', t: T0 + 2, text: 'hello', size: 5, compressed: false },
  { kind: 'binary', dir: 'in', t: T0 + 3, bytes: new Uint8Array([1]), size: 1, compressed: true },
  { kind: 'text', dir: 'in', t: T0 + 4, text: 'direct', size: 6 },
  { kind: 'close', t: T0 + 5, code: 4000, reason: 'bye', wasClean: true, frameHex: '0fa0627965' },
];

async function exported(): Promise<string> {
  const meta = sampleMeta({ protocols: [] });
  const chunks = chunksOf(THROUGH_AGENT).map((chunk) => chunk.snapshot());
  const { text } = await exportInThread({
    meta,
    chunks,
    count: THROUGH_AGENT.length,
    format: 'native',
    exportedAt: new Date(T0),
  });
  return text;
}

describe('wire facts in the native format', () => {
  it('survive storage, export and import: compressed per message, the close frame as sent', async () => {
    const text = await exported();
    expect(text).toContain('"compressed":true');
    expect(text).toContain('"frameHex":"0fa0627965"');
    const { result, storage } = await importText(text, 'agent.wsi.jsonl');
    const [id] = report(result).sessionIds;
    const records = await readSession(storage, id ?? '');
    expect(records).toEqual(THROUGH_AGENT.map((record, seq) => ({ ...record, seq })));
  });

  it('reads files from before as before: no fields, nothing invented', () => {
    const text = checkNativeRecord({ seq: 0, t: 1, dir: 'in', kind: 'text', data: 'x' });
    expect(text).toEqual({ ok: true, value: { kind: 'text', dir: 'in', t: 1, text: 'x', size: 1 } });
    const close = checkNativeRecord({ seq: 1, t: 2, kind: 'close', code: 1000, reason: '', wasClean: true });
    expect(close).toEqual({
      ok: true,
      value: { kind: 'close', t: 2, code: 1000, reason: '', wasClean: true },
    });
  });

  it('ignores a damaged close frame and a compressed flag that is not a boolean', () => {
    for (const frameHex of ['xyz', '0', 'ab'.repeat(126), 42]) {
      const close = checkNativeRecord({ t: 2, kind: 'close', code: 1000, reason: '', frameHex });
      expect(close.ok && 'frameHex' in close.value).toBe(false);
    }
    const text = checkNativeRecord({ t: 1, dir: 'in', kind: 'text', data: 'x', compressed: 'yes' });
    expect(text.ok && 'compressed' in text.value).toBe(false);
  });

  it('leaves the close frame out when redaction changed the reason it holds', () => {
    const plan = RedactionPlan.for('ws://example.test/feed', [], [{ name: 'who', value: 'bye' }]);
    const close = { ...(THROUGH_AGENT[5] as Extract<UnnumberedRecord, { kind: 'close' }>), seq: 5 };
    const line = JSON.parse(nativeRecordLine(close, plan)) as Record<string, unknown>;
    expect(line.reason).not.toBe('bye');
    expect(line).not.toHaveProperty('frameHex');
  });
});
