/** The recording of a LiveSession's current connection: its Recorder and meta, listed under a lock, finished on close. */
import type { Emitter } from '../events';
import { messageOf } from '../errors';
import type { FrameRecord, UnnumberedRecord } from '../model/frame';
import type { SessionMeta } from '../model/session';
import { emptyTotals } from '../model/totals';
import { Recorder } from '../record/recorder';
import type { ConnectRequest, LiveSessionDeps, LiveSessionEvents } from './live-session-types';
import { RecordingLimits } from './recording-limits';

export class CurrentRecording {
  readonly #deps: LiveSessionDeps;
  readonly #clock: () => number;
  readonly #events: Emitter<LiveSessionEvents>;
  readonly #limits: RecordingLimits;
  #recorder: Recorder | null = null;
  #meta: SessionMeta | null = null;
  /** Listing the session in storage; finishing waits for it so the two writes cannot cross. */
  #listing: Promise<void> = Promise.resolve();
  #releaseLock: (() => void) | null = null;

  /** Publishes `recording`, `record`, `changed`, `persist`, `listed` and `problem` on the LiveSession's `events`. */
  constructor(deps: LiveSessionDeps, clock: () => number, events: Emitter<LiveSessionEvents>) {
    this.#deps = deps;
    this.#clock = clock;
    this.#events = events;
    this.#limits = new RecordingLimits(deps.limits);
  }

  /** The current (or last) recording, null before the first connect. */
  get recorder(): Recorder | null {
    return this.#recorder;
  }
  get meta(): SessionMeta | null {
    return this.#meta;
  }

  /** A new recording for a connection about to open, its first record a note saying what it connects to. */
  start(request: ConnectRequest): Recorder {
    this.#releaseLock?.();
    this.#releaseLock = null;
    const startedAt = this.#clock();
    const id = this.#deps.newId(startedAt);
    const recorder = new Recorder(id, this.#deps.frames, this.#deps.recorder, (start) =>
      this.#deps.frames.chunk(id, start),
    );
    recorder.on('changed', () => {
      if (this.#recorder === recorder) this.#events.emit('changed', undefined);
    });
    recorder.on('persist', (state) => {
      if (this.#recorder !== recorder) return;
      this.#events.emit('persist', state);
      if (state.kind === 'failed') this.#limits.saveFailedAt(recorder.totals);
    });
    const meta: SessionMeta = {
      id,
      url: request.url,
      protocols: request.protocols,
      binaryType: request.binaryType,
      startedAt,
      status: 'recording',
      totals: emptyTotals(),
      ...(request.secrets?.length ? { secrets: [...request.secrets] } : {}),
    };
    this.#recorder = recorder;
    this.#meta = meta;
    this.#limits.start();
    this.#events.emit('recording', { recorder, meta });
    this.#events.emit('persist', { kind: 'saving' });
    this.#listing = this.#register(meta, recorder);
    const { url, protocols, binaryType } = request;
    recorder.append({
      kind: 'note',
      t: this.#clock(),
      text: `Connecting to ${url}${protocols.length ? ` offering ${protocols.join(', ')}` : ''} (binary type ${binaryType})`,
    });
    return recorder;
  }

  async #register(meta: SessionMeta, recorder: Recorder): Promise<void> {
    // The lock first: with it held, no other tab can take this session for an interrupted one.
    const release = (await this.#deps.lock?.(meta.id)) ?? (() => undefined);
    if (this.#recorder !== recorder) return release();
    this.#releaseLock = release;
    await this.#put(meta, 'Listing the new session failed');
  }

  async finish(recorder: Recorder): Promise<void> {
    await this.#listing;
    await recorder.finish();
    if (this.#meta?.id !== recorder.sessionId) return;
    const closed: SessionMeta = {
      ...this.#meta,
      status: 'closed',
      endedAt: Date.now(),
      totals: { ...recorder.totals },
    };
    this.#meta = closed;
    await this.#put(closed, 'Saving the session failed');
    if (this.#recorder === recorder) {
      this.#releaseLock?.();
      this.#releaseLock = null;
    }
  }

  async #put(meta: SessionMeta, failure: string): Promise<void> {
    try {
      await this.#deps.catalog.put(meta);
      this.#events.emit('listed', meta);
    } catch (error) {
      this.#events.emit('problem', `${failure}: ${messageOf(error)}`);
    }
  }

  append(record: UnnumberedRecord): void {
    const recorder = this.#recorder;
    if (recorder === null) return;
    const seq = recorder.append(record);
    if (this.#events.has('record')) this.#events.emit('record', { ...record, seq } as FrameRecord);
  }

  /** Why recording cannot go on (a budget, memory after a full disk), or null while it can. */
  exceeded(recorder: Recorder): string | null {
    return this.#limits.exceeded(recorder.totals);
  }
}
