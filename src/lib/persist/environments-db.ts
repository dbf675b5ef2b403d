import { del, set, values } from 'idb-keyval';
import { isObject } from '../guards';
import type { Environment } from '../profiles/environments';
import { KeyvalStore } from './idb-store';

/** The environments profiles share, in a database of their own (idb-keyval keeps one store per database). */
export class EnvironmentsDb {
  readonly #store: KeyvalStore;

  constructor(store = new KeyvalStore('wsi-environments', 'environments')) {
    this.#store = store;
  }

  /** Every stored environment; a damaged record is passed over rather than failing the list. */
  async list(): Promise<Environment[]> {
    return (await values<unknown>(this.#store.use)).filter(isEnvironment);
  }

  put(environment: Environment): Promise<void> {
    return set(environment.id, environment, this.#store.use);
  }

  delete(id: string): Promise<void> {
    return del(id, this.#store.use);
  }
}

function isEnvironment(value: unknown): value is Environment {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    Array.isArray(value.variables)
  );
}
