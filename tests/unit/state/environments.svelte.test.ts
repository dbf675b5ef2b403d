import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../src/lib/profiles/environments';
import { ACTIVE_ENVIRONMENT_KEY, EnvironmentsState } from '../../../src/state/environments.svelte';
import { memoryStorage } from '../fakes/memory-storage';

/** An in-memory stand-in for the IndexedDB store, with the same three calls. */
function memoryDb(initial: Environment[] = []) {
  const rows = new Map(initial.map((e) => [e.id, e]));
  return {
    rows,
    list: async () => [...rows.values()],
    put: async (e: Environment) => void rows.set(e.id, e),
    delete: async (id: string) => void rows.delete(id),
  };
}

describe('EnvironmentsState', () => {
  it('adds, switches and remembers the active environment over a reload', async () => {
    const db = memoryDb();
    const storage = memoryStorage();
    const first = new EnvironmentsState(db, storage);
    await first.load();
    expect(await first.add('staging', [{ name: 'host', value: 's:2', secret: false }])).toBeNull();
    expect(await first.add('dev', [{ name: 'host', value: 'd:1', secret: false }])).toBeNull();
    expect(first.all.map((e) => e.name)).toEqual(['dev', 'staging']);
    expect(first.active?.name).toBe('dev');
    expect(await first.add('Dev')).toMatch(/already an environment/);

    const staging = first.all.find((e) => e.name === 'staging');
    first.choose(staging?.id ?? null);
    expect(first.activeVariables).toEqual([{ name: 'host', value: 's:2', secret: false }]);

    const again = new EnvironmentsState(db, storage);
    await again.load();
    expect(again.active?.name).toBe('staging');
    again.choose(null);
    expect(storage.items.has(ACTIVE_ENVIRONMENT_KEY)).toBe(false);
    expect(again.activeVariables).toEqual([]);
  });

  it('lists every secret, drops the choice with its environment, and merges an import by name', async () => {
    const db = memoryDb();
    const state = new EnvironmentsState(db, memoryStorage());
    await state.load();
    await state.add('prod', [{ name: 'key', value: 'k', secret: true }]);
    expect(state.secretVariables).toEqual([{ name: 'key', value: 'k' }]);
    await state.importAll([
      {
        name: 'PROD',
        variables: [
          { name: 'key', value: '', secret: true },
          { name: 'h', value: 'x', secret: false },
        ],
      },
      { name: 'qa', variables: [] },
    ]);
    expect(state.all.map((e) => [e.name, e.variables.map((v) => `${v.name}=${v.value}`)])).toEqual([
      ['prod', ['key=k', 'h=x']],
      ['qa', []],
    ]);
    const prod = state.active;
    await state.remove(prod?.id ?? '');
    expect(state.active).toBeNull();
    expect(db.rows.size).toBe(1);
  });
});
