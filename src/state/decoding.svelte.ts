import type { DecodedMessage, Decoder, DecoderSession, DecodeResult } from '../lib/decoders/decoder';
import type { DecoderDetector, Detection } from '../lib/decoders/detect';
import type { DecodeChoice } from '../lib/decoders/registry';
import { wireFrameOf } from '../lib/decoders/wire-frame';
import type { FrameRecord, MessageRecord } from '../lib/model/frame';
import { isMessage } from '../lib/model/frame';
import type { FrameSource } from '../lib/record/frame-source';
import type { DecoderJob } from '../lib/search/frame-decoding';
import type { DecodingLib } from './decoding-lib';
import { loadDecodingLib } from './decoding-lib';
import type { ShownSessionState } from './shown-session.svelte';

/** Previews kept, by seq: more than a screen of rows, little enough never to matter. */
const CACHED_PREVIEWS = 2000;

/** A frame as Frame details shows it: its messages, or why it did not decode, and by what. */
export interface DecodedFrame {
  label: string;
  result: DecodeResult;
}

interface LoadedDecoder {
  decoder: Decoder;
  session: DecoderSession;
}

/**
 * How the session on screen is decoded: its protocol, detected from its first records (sticky) or chosen with
 * `Decode as`, and the decoder itself, loaded when first needed. The grid's previews and Frame details ask it;
 * the filter and the timeline hand its `job` to the search worker. Without a protocol, JSON frames still decode
 * one by one as plain JSON, as they always have.
 */
export class DecodingState {
  #choice = $state<DecodeChoice>('auto');
  #detected = $state.raw<Detection | null>(null);
  #lib = $state.raw<DecodingLib | null>(null);
  /** The decoder in use once loaded; null until then, or when frames are shown as they are. */
  #loaded = $state.raw<LoadedDecoder | null>(null);
  #source: FrameSource | null = null;
  #detector: DecoderDetector | null = null;
  /** The next record detection looks at. */
  #nextSeq = 0;
  #protocol = '';
  /** The session and decoder the loaded decoder and the cached previews are for. */
  #wanted: { source: FrameSource | null; id: string | null } = { source: null, id: null };
  /** Replaced, never cleared, when the session or the decoder changes: what was decoded before is stale. */
  // A cache read while rows derive their preview: filling it must not make them derive again.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #previews = new Map<number, string>();
  #lastDecoded: { seq: number; previews: Map<number, string>; decoded: DecodedFrame } | null = null;
  readonly #session: ShownSessionState;

  constructor(session: ShownSessionState) {
    this.#session = session;
    // Detection reads the first records as they arrive (or are read from storage) until it settles.
    session.onRefresh(() => this.#detect());
    loadDecodingLib().then(
      (lib) => {
        this.#lib = lib;
        this.#detect();
      },
      (error: unknown) => console.warn('Protocol detection did not load:', error),
    );
  }

  get choice(): DecodeChoice {
    return this.#choice;
  }

  setChoice(choice: DecodeChoice): void {
    this.#choice = choice;
    this.#load();
  }

  /** The `Decode as` options: Auto, None, then each protocol once detection has loaded. */
  get choices(): { value: DecodeChoice; label: string }[] {
    return (
      this.#lib?.decodeChoices() ?? [
        { value: 'auto', label: 'Auto' },
        { value: 'none', label: 'None' },
      ]
    );
  }

  /** The protocol in use and why; null when none. */
  get detection(): Detection | null {
    return this.#lib?.chooseDecoder(this.#choice, this.#detected) ?? null;
  }

  /** The `Decoder` status: `Socket.IO, from the URL`, or `none`. */
  get status(): string {
    return this.#lib?.describeDetection(this.detection) ?? 'none';
  }

  /** What a search job decodes with; null when the session has no protocol (the worker reads plain JSON). */
  get job(): DecoderJob | null {
    const detection = this.detection;
    if (detection === null) return null;
    return { id: detection.id, facts: { url: this.#session.meta?.url ?? '', protocol: this.#protocol } };
  }

  /** The grid's preview of a record, starting with the decoded type and key when the frame decodes. */
  preview(record: FrameRecord): string {
    const [lib, loaded] = [this.#lib, this.#loaded];
    if (lib === null) return '';
    if (loaded === null || !isMessage(record) || record.size > lib.PREVIEW_DECODE_BYTES)
      return lib.previewRecord(record);
    // Rows are drawn again at every refresh: each frame is decoded for its preview once.
    let preview = this.#previews.get(record.seq);
    if (preview === undefined) {
      const decoded = loaded.session.decode(wireFrameOf(record));
      preview = lib.previewRecord(record, decoded.ok ? decoded.value : []);
      if (this.#previews.size >= CACHED_PREVIEWS) this.#previews.clear();
      this.#previews.set(record.seq, preview);
    }
    return preview;
  }

  /** A message decoded for Frame details, with the decoder's name; null when frames are shown as they are. */
  decode(record: MessageRecord): DecodedFrame | null {
    const loaded = this.#loaded;
    if (loaded === null) return null;
    // The selected record is read again at every refresh: a large frame is decoded once, not ten times a second.
    const last = this.#lastDecoded;
    if (last?.seq === record.seq && last.previews === this.#previews) return last.decoded;
    const decoded = { label: loaded.decoder.label, result: loaded.session.decode(wireFrameOf(record)) };
    this.#lastDecoded = { seq: record.seq, previews: this.#previews, decoded };
    return decoded;
  }

  /**
   * What Frame details says of each message's exchange: `answers #12 in 3 ms`, `answered by #14 in 3 ms`,
   * `unanswered`; null for a message that pairs with nothing. The index is built when first asked for.
   */
  pairing(seq: number, messages: readonly DecodedMessage[]): (string | null)[] {
    const [lib, loaded] = [this.#lib, this.#loaded];
    if (lib === null || loaded === null || this.#source === null) return messages.map(() => null);
    const facts = { url: this.#session.meta?.url ?? '', protocol: this.#protocol };
    return lib.pairing.describe(seq, messages, { source: this.#source, decoder: loaded.decoder, facts });
  }

  #detect(): void {
    const lib = this.#lib;
    if (lib === null) return;
    const source = this.#session.source;
    if (source !== this.#source) {
      this.#source = source;
      this.#detector = new lib.DecoderDetector(this.#session.meta?.url ?? '');
      this.#nextSeq = 0;
      this.#protocol = '';
      this.#detected = null;
    }
    const detector = this.#detector;
    if (detector === null) return;
    while (!detector.settled && this.#nextSeq < source.length) {
      const record = source.at(this.#nextSeq);
      // Its chunk is being read from storage: the next refresh comes when it is.
      if (record === undefined) break;
      if (record.kind === 'open') {
        this.#protocol = record.protocol;
        detector.opened(record.protocol);
      } else if (isMessage(record)) detector.message(wireFrameOf(record));
      this.#nextSeq++;
    }
    if (detector.detected !== this.#detected) this.#detected = detector.detected;
    this.#load();
    lib.pairing.update();
  }

  /** Loads the decoder in use; plain JSON when the choice is Auto and nothing was detected. */
  #load(): void {
    const lib = this.#lib;
    if (lib === null) return;
    const id = this.#choice === 'auto' ? (this.#detected?.id ?? 'json') : (this.detection?.id ?? null);
    if (this.#wanted.source === this.#source && this.#wanted.id === id) return;
    const wanted = { source: this.#source, id };
    this.#wanted = wanted;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a plain cache, as above
    this.#previews = new Map();
    this.#loaded = null;
    const entry = id === null ? undefined : lib.findEntry(id);
    if (entry === undefined) return;
    lib.loadDecoder(entry).then(
      (decoder) => {
        // Another session or choice may have come while it loaded.
        if (this.#wanted !== wanted) return;
        const facts = { url: this.#session.meta?.url ?? '', protocol: this.#protocol };
        this.#loaded = { decoder, session: decoder.start(facts) };
      },
      // A decoder that cannot load leaves the frames shown as they are; the next session tries again.
      (error: unknown) => console.warn(`The ${entry.label} decoder did not load:`, error),
    );
  }
}
