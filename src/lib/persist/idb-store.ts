import type { UseStore } from 'idb-keyval';
import { promisifyRequest } from 'idb-keyval';

/**
 * One IndexedDB database holding one object store, used through idb-keyval's functions.
 *
 * idb-keyval's own createStore cannot do three things recording needs: relaxed durability with an explicit
 * commit() (the write is handed to the disk without waiting for an fsync, and a committed transaction still
 * survives a killed tab), reopening the database after a quota error, and running key-range queries.
 */
export class KeyvalStore {
  readonly #dbName: string;
  readonly #storeName: string;
  #db: Promise<IDBDatabase> | null = null;

  constructor(dbName: string, storeName: string) {
    this.#dbName = dbName;
    this.#storeName = storeName;
  }

  /** The idb-keyval custom store: pass it as the last argument of get, setMany, delMany… */
  readonly use: UseStore = (txMode, callback) =>
    this.#open().then((db) => {
      const tx = db.transaction(this.#storeName, txMode, { durability: 'relaxed' });
      const result = callback(tx.objectStore(this.#storeName));
      // Every request is queued by now: commit at once instead of waiting for the event loop to turn.
      if (txMode === 'readwrite') tx.commit();
      return result;
    });

  /** Keys in [lower, upper], in key order, without loading any value. */
  async keysInRange(lower: IDBValidKey, upper: IDBValidKey): Promise<IDBValidKey[]> {
    return this.use('readonly', (store) =>
      promisifyRequest(store.getAllKeys(IDBKeyRange.bound(lower, upper))),
    );
  }

  /** Values in [lower, upper], in key order, in one request. */
  async valuesInRange(lower: IDBValidKey, upper: IDBValidKey): Promise<unknown[]> {
    return this.use('readonly', (store) => promisifyRequest(store.getAll(IDBKeyRange.bound(lower, upper))));
  }

  /** Deletes every key in [lower, upper] in one request. */
  async deleteRange(lower: IDBValidKey, upper: IDBValidKey): Promise<void> {
    await this.use('readwrite', (store) => {
      store.delete(IDBKeyRange.bound(lower, upper));
      return promisifyRequest(store.transaction);
    });
  }

  /** Closes the connection so the next use opens a fresh one: after a quota error the old one may be unusable. */
  async reopen(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    if (db) (await db.catch(() => null))?.close();
  }

  #open(): Promise<IDBDatabase> {
    if (this.#db === null) {
      const request = indexedDB.open(this.#dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(this.#storeName);
      const opening = promisifyRequest(request).then((db) => {
        // Another tab deleting or upgrading the database must not be blocked by us.
        db.onversionchange = () => {
          db.close();
          if (this.#db === opening) this.#db = null;
        };
        return db;
      });
      opening.catch(() => {
        if (this.#db === opening) this.#db = null;
      });
      this.#db = opening;
    }
    return this.#db;
  }
}
