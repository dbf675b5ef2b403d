import type { ConnectionFacts, DecodedMessage, DecoderSession, WireFrame } from '../decoders/decoder';
import { PairingIndex } from '../decoders/pairing';
import { findEntry, loadDecoder } from '../decoders/registry';
import { wireFrameOf } from '../decoders/wire-frame';
import { messageOf } from '../errors';
import { isMessage } from '../model/frame';
import type { ChunkColumns } from '../record/chunk';
import { isInbound, kindOf } from '../record/chunk';
import type { FrameSource } from '../record/frame-source';

/** Which decoder a search job reads a session's frames with: plain data, so it crosses to the worker. */
export interface DecoderJob {
  id: string;
  facts: ConnectionFacts;
}

/** A session's frames as a scan decodes them, in order, with one decoding state for the whole scan. */
export interface FrameDecoding {
  decoderId: string;
  /** As the protocol calls itself: `Socket.IO`. */
  label: string;
  session: DecoderSession;
}

/** Starts decoding for a job; null when the session has no decoder or its decoder is not (or no longer) known. */
export async function startDecoding(job: DecoderJob | null): Promise<FrameDecoding | null> {
  const entry = job === null ? undefined : findEntry(job.id);
  if (job === null || entry === undefined) return null;
  const decoder = await loadDecoder(entry);
  return { decoderId: decoder.id, label: decoder.label, session: decoder.start(job.facts) };
}

/** Record `index` of a chunk as a decoder sees it; undefined for a connection event. */
export function wireFrameAt(chunk: ChunkColumns, index: number): WireFrame | undefined {
  const payload = chunk.payload[index];
  const kind = kindOf(chunk.flags[index] as number);
  if (payload === null || payload === undefined || (kind !== 'text' && kind !== 'binary')) return undefined;
  const dir = isInbound(chunk.flags[index] as number) ? 'in' : 'out';
  return typeof payload === 'string' ? { dir, text: payload } : { dir, bytes: payload };
}

/** A frame's decoded messages; none for an event or a frame that does not decode. */
export function messagesAt(
  decoding: FrameDecoding,
  chunk: ChunkColumns,
  index: number,
): readonly DecodedMessage[] {
  const frame = wireFrameAt(chunk, index);
  if (frame === undefined) return [];
  const decoded = decoding.session.decode(frame);
  return decoded.ok ? decoded.value : [];
}

/** A slice of pairing work on the page's thread stops after this long and lets the page draw. */
const SLICE_MS = 8;

/** The wait between two slices: a macrotask, so input and painting come first. */
const nextSlice = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Builds a session's pairing index on the page, in bounded slices: what is stored is read a chunk at a time
 * (not through the grid's cache, so the rows on screen stay), and records that arrive later are added as they
 * come. A million-frame session is indexed in the background, a few milliseconds at a time, never freezing the
 * page. The index has its own decoding state, since a stateful decoder (MQTT, Socket.IO attachments) must read
 * the session in order.
 */
export class PairingScan {
  readonly index = new PairingIndex();
  readonly #source: FrameSource;
  readonly #session: DecoderSession;
  readonly #onProgress: () => void;
  readonly #now: () => number;
  readonly #pause: () => Promise<void>;
  /** Records before this seq are indexed. */
  #next = 0;
  #running = false;
  #stopped = false;
  #failure: string | null = null;

  constructor(
    source: FrameSource,
    session: DecoderSession,
    onProgress: () => void,
    options: { now?: () => number; pause?: () => Promise<void> } = {},
  ) {
    this.#source = source;
    this.#session = session;
    this.#onProgress = onProgress;
    this.#now = options.now ?? (() => performance.now());
    this.#pause = options.pause ?? nextSlice;
  }

  /** Records before this seq are in the index. */
  get indexedTo(): number {
    return this.#next;
  }

  /** Whether every record the session has now is indexed. */
  get complete(): boolean {
    return this.#next >= this.#source.length;
  }

  /** Why the index stopped short: a chunk could not be read. */
  get failure(): string | null {
    return this.#failure;
  }

  /** Indexes what is not yet: call it when records arrive. Work already under way carries on instead. */
  update(): void {
    if (!this.#running && !this.#stopped && !this.complete) void this.#run();
  }

  /** The session or the decoder changed: this index is no longer wanted. */
  stop(): void {
    this.#stopped = true;
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      let sliceStart = this.#now();
      const slice = async (): Promise<boolean> => {
        if (this.#now() - sliceStart < SLICE_MS) return !this.#stopped;
        this.#onProgress();
        await this.#pause();
        sliceStart = this.#now();
        return !this.#stopped;
      };
      if (this.#next === 0) {
        for await (const chunk of this.#source.chunks()) {
          // A chunk not listed yet (a live session's newest) is read record by record below.
          if (chunk.firstSeq > this.#next) break;
          for (let i = this.#next - chunk.firstSeq; i < chunk.count; i++) {
            if (!(await slice())) return;
            this.#add(chunk.firstSeq + i, chunk.t[i] as number, wireFrameAt(chunk, i));
          }
        }
      }
      // Records that came after (a live session's newest) are in memory; one still being read waits for the
      // next update.
      for (
        let record = this.#source.at(this.#next);
        record !== undefined;
        record = this.#source.at(this.#next)
      ) {
        if (!(await slice())) return;
        this.#add(record.seq, record.t, isMessage(record) ? wireFrameOf(record) : undefined);
      }
    } catch (error) {
      // A chunk that cannot be read leaves the pairs found so far; the rest are not looked for.
      this.#failure = messageOf(error);
      this.#stopped = true;
    } finally {
      this.#running = false;
      if (!this.#stopped || this.#failure !== null) this.#onProgress();
    }
  }

  #add(seq: number, t: number, frame: WireFrame | undefined): void {
    if (frame !== undefined) {
      const decoded = this.#session.decode(frame);
      if (decoded.ok) this.index.add(seq, t, decoded.value);
    }
    this.#next = seq + 1;
  }
}
