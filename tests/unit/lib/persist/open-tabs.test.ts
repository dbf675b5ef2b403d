import { describe, expect, it } from 'vitest';
import { OPEN_TABS_KEY, readOpenTabs, writeOpenTabs } from '../../../../src/lib/persist/open-tabs';

/** A localStorage of one Map, which can be told to refuse writes as a full one does. */
function memoryStorage(initial?: string) {
  const values = new Map<string, string>();
  if (initial !== undefined) values.set(OPEN_TABS_KEY, initial);
  let full = false;
  return {
    values,
    fill: () => (full = true),
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      values.set(key, value);
    },
  };
}

describe('open tabs in storage', () => {
  it('reads back what it wrote', () => {
    const storage = memoryStorage();
    const open = {
      tabs: [
        { url: 'ws://a/echo', protocols: 'chat.v1', binaryType: 'blob' as const },
        { url: 'ws://b/', protocols: '', binaryType: 'arraybuffer' as const, sessionId: 's-1' },
      ],
      front: 1,
    };
    expect(writeOpenTabs(storage, open)).toBe(true);
    expect(readOpenTabs(storage)).toEqual(open);
  });

  it('starts with no tabs when nothing, or nothing readable, was kept', () => {
    expect(readOpenTabs(memoryStorage())).toEqual({ tabs: [], front: 0 });
    expect(readOpenTabs(memoryStorage('{not json'))).toEqual({ tabs: [], front: 0 });
    expect(readOpenTabs(memoryStorage('{"tabs":"many"}'))).toEqual({ tabs: [], front: 0 });
  });

  it('drops malformed tabs, keeps a front in range and caps how many tabs open', () => {
    const kept = JSON.stringify({
      tabs: [{ url: 'ws://a/', protocols: '', binaryType: 'telex' }, { url: 7 }, null, { url: 'ws://b/' }],
      front: 9,
    });
    expect(readOpenTabs(memoryStorage(kept))).toEqual({
      tabs: [{ url: 'ws://a/', protocols: '', binaryType: 'arraybuffer' }],
      front: 0,
    });
    const many = JSON.stringify({
      tabs: Array.from({ length: 500 }, () => ({ url: 'ws://a/', protocols: '' })),
    });
    expect(readOpenTabs(memoryStorage(many)).tabs).toHaveLength(50);
  });

  it('says so when storage refuses the write, without throwing', () => {
    const storage = memoryStorage();
    storage.fill();
    expect(writeOpenTabs(storage, { tabs: [], front: 0 })).toBe(false);
  });
});
