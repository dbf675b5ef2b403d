import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/lib/formats/import-file';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import { StoredImport } from '../../../../src/lib/import/stored-import';
import { SessionsDb } from '../../../../src/lib/persist/sessions-db';
import { recordAt } from '../../../../src/lib/record/chunk';
import { StoredSession } from '../../../../src/lib/record/stored-session';

/**
 * Importers meet files from anywhere. Whatever the bytes, an import must end in a report or a message, never an
 * exception, and must leave every session stored before it exactly as it was.
 */

const frames = new FramesDb(new KeyvalStore('fuzz-frames', 'frames'));
const sessions = new SessionsDb(new KeyvalStore('fuzz-sessions', 'sessions'));

const HEADER =
  '{"format":"wsi-session","v":1,"app":"WS Inspector","session":{"url":"ws://a.test/","startedAt":1}}';
const GOOD_LINES = [
  '{"seq":0,"t":1,"kind":"open","protocol":"","extensions":""}',
  '{"seq":1,"t":2,"dir":"out","kind":"text","data":"hello"}',
  '{"seq":2,"t":3,"dir":"in","kind":"binary","b64":"AAEC"}',
  '{"seq":3,"t":4,"kind":"close","code":1000,"reason":"","wasClean":true}',
];
const GOOD_FILE = [HEADER, ...GOOD_LINES, '{"end":true,"count":4}'].join('\n');

let existingId = '';
let existingSnapshot = '';

async function snapshot(id: string): Promise<string> {
  const meta = await sessions.get(id);
  const session = await StoredSession.open(id, frames);
  const records: unknown[] = [];
  for await (const chunk of session.chunks()) {
    for (let i = 0; i < chunk.count; i++) {
      const record = recordAt(chunk, i);
      records.push('bytes' in record ? { ...record, bytes: [...record.bytes] } : record);
    }
  }
  return JSON.stringify({ meta, records });
}

async function runImport(content: string | Uint8Array, name: string) {
  const target = new StoredImport(frames, sessions, {
    add: () => Promise.reject(new Error('no profiles here')),
    remove: () => Promise.resolve(),
  });
  const result = await importFile(new File([content as BlobPart], name), target);
  if (result.ok) {
    const { value } = result;
    expect(value.records + Object.values(value.skipped).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(0);
  } else {
    expect(result.error.length).toBeGreaterThan(10);
  }
  return result;
}

beforeAll(async () => {
  const result = await runImport(GOOD_FILE, 'existing.wsi.jsonl');
  if (!result.ok) throw new Error(result.error);
  existingId = result.value.sessionIds[0] ?? '';
  existingSnapshot = await snapshot(existingId);
});

const anyName = fc.constantFrom('capture.wsi.jsonl', 'capture.har', 'capture.json', 'capture');

/** JSON values of the wrong shape in every place: wrong types, huge and odd numbers, long strings. */
const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1, 2 ** 53, 1e21),
  fc.string({ maxLength: 200 }),
);

const nativeRecordLike = fc.record(
  {
    seq: hostileValue,
    t: hostileValue,
    dir: fc.oneof(fc.constantFrom('in', 'out'), hostileValue),
    kind: fc.oneof(fc.constantFrom('text', 'binary', 'open', 'close', 'error', 'note', 'ping'), hostileValue),
    data: hostileValue,
    b64: fc.oneof(fc.base64String(), hostileValue),
    code: hostileValue,
    reason: hostileValue,
    text: hostileValue,
  },
  { requiredKeys: [] },
);

describe('importers under fuzzing', () => {
  it('survive random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), anyName, async (bytes, name) => {
        await runImport(bytes, name);
      }),
      { numRuns: 150 },
    );
  });

  it('survive native files with hostile records, cut at any point', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            nativeRecordLike.map((r) => JSON.stringify(r)),
            fc.constantFrom(...GOOD_LINES),
          ),
          {
            maxLength: 30,
          },
        ),
        fc.nat(),
        fc.boolean(),
        async (lines, cutAt, withEnd) => {
          const file = [HEADER, ...lines, ...(withEnd ? ['{"end":true,"count":3}'] : [])].join('\n');
          const result = await runImport(
            file.slice(0, HEADER.length + 1 + (cutAt % (file.length + 1))),
            'f.wsi.jsonl',
          );
          expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('survive hostile headers, deep nesting and HAR of the wrong shape', async () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const harLike = fc.record({
      log: fc.oneof(
        hostileValue,
        fc.record({
          entries: fc.oneof(
            hostileValue,
            fc.array(
              fc.record(
                {
                  _resourceType: fc.oneof(fc.constant('websocket'), hostileValue),
                  request: fc.oneof(
                    fc.record({ url: fc.oneof(fc.constant('wss://h.test/'), hostileValue) }),
                    hostileValue,
                  ),
                  startedDateTime: hostileValue,
                  _webSocketMessages: fc.oneof(
                    fc.array(
                      fc.record({
                        type: fc.oneof(fc.constantFrom('send', 'receive'), hostileValue),
                        time: hostileValue,
                        opcode: fc.oneof(fc.constantFrom(1, 2, 8), hostileValue),
                        data: hostileValue,
                      }),
                      { maxLength: 10 },
                    ),
                    hostileValue,
                  ),
                  _wsInspector: fc.oneof(fc.record({ events: fc.array(hostileValue) }), hostileValue),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 5 },
            ),
          ),
        }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          harLike.map((har) => ({ text: JSON.stringify(har), name: 'x.har' })),
          hostileValue.map((header) => ({
            text: `{"format":"wsi-session","v":${JSON.stringify(header)}}\n${GOOD_LINES.join('\n')}`,
            name: 'x.wsi.jsonl',
          })),
          fc.integer({ min: 1000, max: 200_000 }).map((depth) => ({ text: deep(depth), name: 'deep.har' })),
          fc.integer({ min: 1000, max: 200_000 }).map((depth) => ({
            text: `${HEADER}\n${deep(depth)}\n`,
            name: 'deep.wsi.jsonl',
          })),
        ),
        async ({ text, name }) => {
          await runImport(text, name);
        },
      ),
      { numRuns: 150 },
    );
    // 150 imports through IndexedDB, some of nesting 200,000 deep: seconds on two busy cores, not a hang.
  }, 60_000);

  it('left the session stored before them exactly as it was', async () => {
    expect(await snapshot(existingId)).toBe(existingSnapshot);
    expect((await sessions.list()).every((meta) => meta.status === 'imported')).toBe(true);
  });
});
