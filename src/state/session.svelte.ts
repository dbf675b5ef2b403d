import { FrameLog } from '../lib/frames/frame-log';
import type { FrameRecord, UnnumberedRecord } from '../lib/ws/frame';

/** Runs a callback before the next paint; in a hidden tab, where animation frames stop, soon after. */
export type FrameScheduler = (callback: () => void) => void;

const HIDDEN_TAB_FALLBACK_MS = 250;

export const nextPaint: FrameScheduler = (callback) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    callback();
  };
  requestAnimationFrame(once);
  setTimeout(once, HIDDEN_TAB_FALLBACK_MS);
};

/**
 * The session on screen. Records live in a plain FrameLog, never in Svelte state, so a million frames cost no
 * proxies; the UI learns of new ones through a version counter bumped at most once per animation frame.
 */
export class SessionView {
  #log = new FrameLog();
  #version = $state(0);
  #bumpScheduled = false;
  readonly #schedule: FrameScheduler;

  constructor(schedule: FrameScheduler = nextPaint) {
    this.#schedule = schedule;
  }

  /** Starts a new, empty session: each connection is one. */
  reset(): void {
    this.#log = new FrameLog();
    this.#version++;
  }

  append(record: UnnumberedRecord): void {
    this.#log.append(record);
    if (this.#bumpScheduled) return;
    this.#bumpScheduled = true;
    this.#schedule(() => {
      this.#bumpScheduled = false;
      this.#version++;
    });
  }

  /** Read by anything that must update when records arrive. */
  get version(): number {
    return this.#version;
  }

  get length(): number {
    void this.#version;
    return this.#log.length;
  }

  get totals() {
    void this.#version;
    return { ...this.#log.totals, messages: this.#log.messageCount };
  }

  get startTime(): number | undefined {
    void this.#version;
    return this.#log.startTime;
  }

  at(seq: number): FrameRecord | undefined {
    void this.#version;
    return this.#log.at(seq);
  }
}
