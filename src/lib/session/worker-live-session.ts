/**
 * PROTOTYPE (issue 15, measurement only): the page's side of a LiveSession running in a worker
 * (recording-worker.ts). It publishes the worker's events and shows the recording as storage holds it.
 */
import type { Unsubscribe } from '../events';
import { Emitter } from '../events';
import type { FrameRecord } from '../model/frame';
import type { SessionMeta } from '../model/session';
import type { TrafficTotals } from '../model/totals';
import { emptyTotals } from '../model/totals';
import type { ChunkColumns } from '../record/chunk';
import { ChunkPager } from '../record/chunk-pager';
import { chunkBytes } from '../record/chunk-cache';
import type { FrameSource } from '../record/frame-source';
import type { FrameReader } from '../record/frame-store';
import type { ConnectionStatus } from '../ws/connection';
import type { LiveSessionEvents } from './live-session-types';

interface Stored {
  savedCount: number;
  totals: TrafficTotals;
  lagP50: number;
  lagP99: number;
  /** [firstSeq, count] of every chunk or piece the last writes committed. */
  written: [number, number][];
}

/** A recording as far as storage holds it, growing as the worker commits. */
export class GrowingSession implements FrameSource {
  readonly sessionId: string;
  readonly #pager: ChunkPager;
  readonly #events = new Emitter<{ changed: void }>();
  #stored: Stored = { savedCount: 0, totals: emptyTotals(), lagP50: 0, lagP99: 0, written: [] };
  readonly #frames: FrameReader;
  /** Records [0, covered) have a start in the pager's directory. */
  #covered = 0;
  #growing = Promise.resolve();
  #lastRead = -Infinity;

  constructor(sessionId: string, frames: FrameReader) {
    this.sessionId = sessionId;
    this.#frames = frames;
    this.#pager = new ChunkPager((start, end) => frames.chunk(sessionId, start, end), 32 << 20);
    this.#pager.on('loaded', () => this.#events.emit('changed', undefined));
  }

  grew(stored: Stored): void {
    this.#growing = this.#growing.then(() => this.#grow(stored));
  }

  /** The newest records are read before the length grows, so the rows at the tail are never placeholders. */
  async #grow(stored: Stored): Promise<void> {
    let newest: number | undefined;
    for (const [firstSeq, count] of [...stored.written].sort((a, b) => a[0] - b[0])) {
      const end = firstSeq + count;
      if (end <= this.#covered) continue;
      newest = Math.max(firstSeq, this.#covered);
      this.#pager.addStart(newest);
      this.#covered = end;
    }
    // Only a session whose rows are drawn (read in the last second) reads its newest records ahead.
    if (newest !== undefined && performance.now() - this.#lastRead < 1000) {
      const chunk = await this.#frames.chunk(this.sessionId, newest);
      if (chunk) this.#pager.hold(chunk, chunkBytes(chunk), false);
    }
    this.#stored = stored;
    this.#events.emit('changed', undefined);
  }

  get length(): number {
    return this.#stored.savedCount;
  }
  get totals(): Readonly<TrafficTotals> {
    return this.#stored.totals;
  }
  get savedCount(): number {
    return this.#stored.savedCount;
  }
  get lag() {
    const { lagP50, lagP99 } = this.#stored;
    return { percentile: (fraction: number) => (fraction < 0.9 ? lagP50 : lagP99) };
  }
  at(seq: number): FrameRecord | undefined {
    this.#lastRead = performance.now();
    return seq < this.length ? this.#pager.at(seq) : undefined;
  }
  failure(seq: number): string | undefined {
    return this.#pager.failure(seq);
  }
  seqAtTime(time: number): Promise<number | undefined> {
    return this.#pager.seqAtTime(time);
  }
  chunkStarts(): readonly number[] {
    return this.#pager.starts;
  }
  unsavedChunks(): ChunkColumns[] {
    return [];
  }
  chunks(): AsyncIterable<ChunkColumns> {
    return this.#pager.chunks();
  }
  on(type: 'changed', listener: () => void): Unsubscribe {
    return this.#events.on(type, listener);
  }
  append(): number {
    return -1;
  }
}

export class WorkerLiveSession {
  readonly #events = new Emitter<LiveSessionEvents>();
  readonly #worker: Worker;
  readonly #frames: FrameReader;
  #status: ConnectionStatus = 'closed';
  #recorder: GrowingSession | null = null;
  #meta: SessionMeta | null = null;
  #bufferedAmount = 0;

  constructor(worker: Worker, frames: FrameReader) {
    this.#worker = worker;
    this.#frames = frames;
    worker.onmessage = (event: MessageEvent) => this.#receive(event.data);
  }

  on<K extends keyof LiveSessionEvents>(
    type: K,
    listener: (payload: LiveSessionEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(type, listener);
  }
  get status(): ConnectionStatus {
    return this.#status;
  }
  get isActive(): boolean {
    return this.#status === 'connecting' || this.#status === 'open';
  }
  get recorder() {
    return this.#recorder;
  }
  get meta(): SessionMeta | null {
    return this.#meta;
  }
  get bufferedAmount(): number {
    return this.#bufferedAmount;
  }
  get nextSendSeq(): number {
    return (this.#recorder?.totals.sent ?? 0) + 1;
  }
  get rules() {
    return [];
  }
  connect(request: { createSocket?: unknown }) {
    this.#status = 'connecting';
    this.#call('connect', withoutSocket(request));
    return { ok: true, value: undefined };
  }
  connectWhenClosed(request: { createSocket?: unknown }) {
    this.#call('connectWhenClosed', withoutSocket(request));
  }
  close(code: number, reason: string) {
    this.#call('close', code, reason);
  }
  disconnect() {
    this.#call('disconnect');
  }
  cancelReconnect() {
    this.#call('cancelReconnect');
  }
  send(message: unknown, options?: unknown) {
    this.#call('send', message, options ?? {});
    return { ok: true, value: undefined };
  }
  sendText(text: string, automatic = false) {
    this.#call('sendText', text, automatic);
  }
  sendBinary(bytes: Uint8Array, automatic = false) {
    this.#call('sendBinary', bytes, automatic);
  }
  flush(): Promise<void> {
    this.#call('flush');
    return Promise.resolve();
  }
  retrySaving(): Promise<void> {
    this.#call('retrySaving');
    return Promise.resolve();
  }
  note(text: string): boolean {
    this.#call('note', text);
    return true;
  }

  #call(call: string, ...args: unknown[]): void {
    this.#worker.postMessage({ call, args });
  }

  #receive(data: { type: string; [key: string]: unknown }): void {
    if (data.type === 'recording') {
      const meta = data.meta as SessionMeta;
      this.#meta = meta;
      this.#recorder = new GrowingSession(meta.id, this.#frames);
      this.#recorder.on('changed', () => this.#events.emit('changed', undefined));
      this.#events.emit('recording', { recorder: this.#recorder as never, meta });
    } else if (data.type === 'stored') {
      const recorder = this.#recorder;
      if (recorder !== null && recorder.sessionId === data.sessionId)
        recorder.grew(data as unknown as Stored);
    } else if (data.type === 'bufferedAmount') {
      this.#bufferedAmount = data.value as number;
    } else if (data.type === 'event') {
      const name = data.name as keyof LiveSessionEvents;
      if (name === 'status') this.#status = data.payload as ConnectionStatus;
      if (name === 'listed' && (data.payload as SessionMeta).id === this.#meta?.id)
        this.#meta = data.payload as SessionMeta;
      this.#events.emit(name, data.payload as never);
    }
  }
}

/** A function cannot cross postMessage: the prototype connects directly, never through the agent. */
function withoutSocket(request: { createSocket?: unknown }): object {
  const cloneable = { ...request };
  delete cloneable.createSocket;
  return cloneable;
}
