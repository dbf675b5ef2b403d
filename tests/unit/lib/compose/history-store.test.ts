import { describe, expect, it } from 'vitest';
import { readHistory, storedHistory } from '../../../../src/lib/compose/history-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

describe('the composer history across visits', () => {
  it('comes back newest first, as typed, with variables left as variables', () => {
    const storage = memoryStorage();
    const history = storedHistory(storage);
    history.remember({ body: 'first', format: 'text' });
    history.remember({ body: '{"token":"{{token}}"}', format: 'json' });
    expect(storedHistory(storage).entries).toEqual([
      { body: '{"token":"{{token}}"}', format: 'json' },
      { body: 'first', format: 'text' },
    ]);
  });

  it('keeps the newest 50 and leaves out very large messages', () => {
    const storage = memoryStorage();
    const history = storedHistory(storage);
    history.remember({ body: 'x'.repeat(20_000), format: 'text' });
    for (let i = 0; i < 60; i++) history.remember({ body: `m${i}`, format: 'text' });
    const back = storedHistory(storage).entries;
    expect(back).toHaveLength(50);
    expect(back[0]?.body).toBe('m59');
    expect(back.some((m) => m.body.length > 1000)).toBe(false);
  });

  it('reads a damaged or foreign value as no history, and skips entries of unknown formats', () => {
    expect(readHistory(memoryStorage({ 'wsi-composer-history': '{oops' }))).toEqual([]);
    expect(readHistory(memoryStorage({ 'wsi-composer-history': '{"a":1}' }))).toEqual([]);
    const mixed = JSON.stringify([{ body: 'ok', format: 'hex' }, { body: 'no', format: 'pdf' }, 'junk']);
    expect(readHistory(memoryStorage({ 'wsi-composer-history': mixed }))).toEqual([
      { body: 'ok', format: 'hex' },
    ]);
  });

  it('works for the visit when storage refuses to write', () => {
    const history = storedHistory({
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    history.remember({ body: 'still here', format: 'text' });
    expect(history.entries).toEqual([{ body: 'still here', format: 'text' }]);
  });
});
