/**
 * One small typed emitter for every object in lib that others watch (Connection, Recorder, ChunkPager,
 * LiveSession): any number of subscribers, each `on` returning its own unsubscribe, so a view or a rule can come
 * and go without the publisher knowing it.
 */
export type Unsubscribe = () => void;

type Listener<T> = (payload: T) => void;

export class Emitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): Unsubscribe {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    // Wrapped, so subscribing the same function twice gives two subscriptions that end independently.
    const entry: Listener<Events[K]> = (payload) => listener(payload);
    set.add(entry as Listener<never>);
    return () => set.delete(entry as Listener<never>);
  }

  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    const set = this.#listeners.get(type);
    if (set === undefined) return;
    for (const listener of set) (listener as Listener<Events[K]>)(payload);
  }

  /** Whether anyone listens: a publisher can skip building a payload nobody reads. */
  has(type: keyof Events): boolean {
    return (this.#listeners.get(type)?.size ?? 0) > 0;
  }
}
