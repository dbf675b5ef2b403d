import { COLUMN_WIDTHS, type FrameColumn } from '../lib/display/column-widths';
import type { Sizes, SizeStore } from '../lib/display/sizes';

/** Sizes the person drags: applied as they change, remembered when a drag or key press ends. */
export class RememberedSizes<K extends string> {
  #sizes: Sizes<K>;
  readonly #storage: Pick<Storage, 'setItem'>;
  readonly #store: SizeStore<K>;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem'>, store: SizeStore<K>) {
    this.#storage = storage;
    this.#store = store;
    this.#sizes = $state(store.read(storage));
  }

  get sizes(): Sizes<K> {
    return this.#sizes;
  }

  resize(name: K, size: number): void {
    this.#sizes = { ...this.#sizes, [name]: this.#store.clamp(name, size) };
  }

  /** Writes the sizes down; called once a drag or a key press is done, not on every pixel. */
  remember(): void {
    this.#store.write(this.#storage, this.#sizes);
  }
}

let shared: RememberedSizes<FrameColumn> | undefined;

/**
 * The frames grid's column widths, one set for the page: every tab's grid shows the columns as last dragged.
 * Read from storage when the first grid is drawn (the grid loads after the first screen, and so does this).
 */
export function frameColumnWidths(): RememberedSizes<FrameColumn> {
  shared ??= new RememberedSizes(localStorage, COLUMN_WIDTHS);
  return shared;
}
