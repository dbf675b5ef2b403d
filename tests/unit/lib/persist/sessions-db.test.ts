import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import { newId } from '../../../../src/lib/ids';
import { SessionsDb } from '../../../../src/lib/persist/sessions-db';
import type { SessionMeta } from '../../../../src/lib/model/session';
import { emptyTotals } from '../../../../src/lib/model/totals';

let dbCount = 0;

describe('SessionsDb', () => {
  it('lists sessions newest first', async () => {
    const sessions = new SessionsDb(new KeyvalStore(`sessions-${++dbCount}`, 'sessions'));
    const meta = (id: string, startedAt: number): SessionMeta => ({
      id,
      url: 'ws://h/',
      protocols: [],
      binaryType: 'arraybuffer',
      startedAt,
      status: 'closed',
      totals: emptyTotals(),
    });
    await sessions.put(meta('old', 1));
    await sessions.put(meta('new', 3));
    await sessions.put(meta('mid', 2));
    expect((await sessions.list()).map((m) => m.id)).toEqual(['new', 'mid', 'old']);
    await sessions.delete('mid');
    expect(await sessions.get('mid')).toBeUndefined();
  });

  it('makes unique ids that sort by time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
    expect(newId(1) < newId(2)).toBe(true);
  });
});
