/**
 * State whose code loads on first use instead of with the first screen, whose JavaScript has a budget. `current`
 * stays undefined until then, and is reactive, so what shows the state's notices appears once it exists.
 */
export class LazyState<T> {
  #current = $state<T | undefined>(undefined);
  #loading: Promise<T> | undefined;
  readonly #build: () => Promise<T>;

  constructor(build: () => Promise<T>) {
    this.#build = build;
  }

  get current(): T | undefined {
    return this.#current;
  }

  /** The state, built once; a failed load (the network gone before the code came) is tried again next time. */
  load(): Promise<T> {
    this.#loading ??= this.#build().then(
      (value) => (this.#current = value),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
