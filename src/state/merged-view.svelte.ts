import type { MergedRow } from '../lib/record/merged-frames';
import { MergedFrames } from '../lib/record/merged-frames';
import type { Panel } from './panel.svelte';

/** As the tabs' own grids: new rows reach the screen at most ten times a second. */
const REDRAW_MS = 100;

/**
 * The merged view of the tabs: the sessions they show, merged in time order (see MergedFrames), and how often its
 * grid learns of new rows. Rows stay in the sources; the UI reads them through a version counter.
 */
export class MergedViewState {
  #merged: MergedFrames | null = null;
  #length = $state(0);
  /** Bumped when rows were merged or read from storage: the rows on screen are read again. */
  #version = $state(0);

  /** Merges what the panels show now; returns the stop. The view merges again when its tabs change. */
  merge(panels: readonly Panel[]): () => void {
    const built = new MergedFrames(panels.map((panel) => panel.session.source));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = built.on('changed', () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        this.#length = built.length;
        this.#version++;
      }, REDRAW_MS);
    });
    this.#merged = built;
    this.#length = 0;
    return () => {
      off();
      clearTimeout(timer);
      built.dispose();
      if (this.#merged === built) this.#merged = null;
    };
  }

  get length(): number {
    return this.#length;
  }

  /** The row at a position, or undefined while its record is read from storage. */
  at(position: number): MergedRow | undefined {
    void this.#version;
    return this.#merged?.at(position);
  }

  failure(position: number): string | undefined {
    void this.#version;
    return this.#merged?.failure(position);
  }
}
