import {
  clampPane,
  type Pane,
  type PaneSizes,
  storedPaneSizes,
  storePaneSizes,
} from '../lib/display/pane-sizes';

/** The draggable panes' sizes for the page: applied as they change, remembered when a drag or key press ends. */
export class LayoutState {
  #sizes: PaneSizes = $state({ sidebar: null, details: null, composer: null });
  readonly #storage: Pick<Storage, 'setItem'>;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem'>) {
    this.#storage = storage;
    this.#sizes = storedPaneSizes(storage);
  }

  get sizes(): PaneSizes {
    return this.#sizes;
  }

  resize(pane: Pane, size: number): void {
    this.#sizes = { ...this.#sizes, [pane]: clampPane(pane, size) };
  }

  /** Writes the sizes down; called once a drag or a key press is done, not on every pixel. */
  remember(): void {
    storePaneSizes(this.#storage, this.#sizes);
  }
}
