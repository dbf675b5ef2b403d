import { untrack } from 'svelte';
import type { MergedRow } from '../lib/record/merged-frames';
import { MergedFrames } from '../lib/record/merged-frames';
import { MergedFilter } from '../lib/search/merged-filter';
import type { Panel } from './panel.svelte';

/** As the tabs' own grids: new rows reach the screen at most ten times a second. */
const REDRAW_MS = 100;

/**
 * The merged view of the tabs: the sessions they show, merged in time order (see MergedFrames), the rows its
 * filter keeps (MergedFilter), the one selected, and how often its grid learns of new rows. Rows stay in the
 * sources; the UI reads them through a version counter. The grid's rows are numbered by index among those shown;
 * a row's merged position is what it is known by, so the selection stays on its frame as the filter changes.
 */
export class MergedViewState {
  #merged: MergedFrames | null = null;
  #filter: MergedFilter | null = null;
  #query = $state('');
  #length = $state(0);
  #scanning = $state(false);
  /** The merged position of the selected row. */
  #selected = $state<number | null>(null);
  /** Bumped when rows were merged or read from storage: the rows on screen are read again. */
  #version = $state(0);
  #redraw: () => void = () => undefined;

  /** Merges what the panels show now; returns the stop. The view merges again when its tabs change. */
  merge(panels: readonly Panel[]): () => void {
    const built = new MergedFrames(panels.map((panel) => panel.session.source));
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.#redraw = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        this.#length = this.#filter?.length ?? built.length;
        this.#scanning = this.#filter?.scanning ?? false;
        this.#version++;
      }, REDRAW_MS);
    };
    const off = built.on('changed', () => this.#redraw());
    this.#merged = built;
    this.#selected = null;
    // Called from the view's effect: what refiltering reads (the query, the version) must not re-run the merge.
    untrack(() => this.#refilter());
    return () => {
      off();
      clearTimeout(timer);
      this.#filter?.dispose();
      this.#filter = null;
      built.dispose();
      if (this.#merged === built) this.#merged = null;
    };
  }

  /** The substring the rows shown contain; empty shows them all. */
  get query(): string {
    return this.#query;
  }
  set query(value: string) {
    this.#query = value;
    this.#refilter();
  }

  /** The rows shown: all merged, or those the filter kept so far. */
  get length(): number {
    return this.#length;
  }
  /** The filter is still testing rows merged so far. */
  get scanning(): boolean {
    return this.#scanning;
  }

  /** The merged position of the row shown at `index`. */
  positionAt(index: number): number | undefined {
    void this.#version;
    if (this.#filter === null) return index >= 0 && index < this.#length ? index : undefined;
    return this.#filter.position(index);
  }

  /** The row at a merged position, or undefined while its record is read from storage. */
  at(position: number): MergedRow | undefined {
    void this.#version;
    return this.#merged?.at(position);
  }

  failure(position: number): string | undefined {
    void this.#version;
    return this.#merged?.failure(position);
  }

  get selected(): number | null {
    return this.#selected;
  }
  /** The index among the rows shown of the selected one; -1 when it is filtered out or none is. */
  get selectedIndex(): number {
    void this.#version;
    const position = this.#selected;
    if (position === null) return -1;
    if (this.#filter === null) return position;
    return this.#filter.indexOf(position);
  }

  select(position: number): void {
    this.#selected = position;
  }

  /** Moves the selection by `step` rows shown (±Infinity: first, last), from the top when none is selected. */
  moveSelection(step: number): number | undefined {
    if (this.#length === 0) return undefined;
    const from = this.selectedIndex;
    const start = from < 0 ? (step > 0 ? -1 : this.#length) : from;
    const index = Math.max(0, Math.min(this.#length - 1, start + step));
    const position = this.positionAt(index);
    if (position !== undefined) this.#selected = position;
    return index;
  }

  #refilter(): void {
    this.#filter?.dispose();
    this.#filter = null;
    const merged = this.#merged;
    if (merged !== null && this.#query !== '') {
      this.#filter = new MergedFilter(merged, this.#query);
      this.#filter.on('changed', () => this.#redraw());
    }
    this.#length = this.#filter?.length ?? merged?.length ?? 0;
    this.#scanning = this.#filter?.scanning ?? false;
    this.#version++;
  }
}
