import type { ConnectionFacts, DecodedMessage, Decoder } from '../lib/decoders/decoder';
import type { FrameSource } from '../lib/record/frame-source';
import type { PairingScan } from '../lib/search/frame-decoding';

/** The pairing index and its wording: loaded when Frame details first shows a message that pairs. */
const loadPairing = () =>
  Promise.all([import('../lib/search/frame-decoding'), import('../lib/decoders/pairing')]).then(
    ([scan, pairing]) => ({ ...scan, ...pairing }),
  );

/** What the index is built for: a session, read with a decoder. Another one starts another index. */
interface Indexed {
  source: FrameSource;
  decoder: Decoder;
  facts: ConnectionFacts;
}

/**
 * Request/reply pairing for the session on screen: an index built in the background when first asked for, kept
 * up to date as records arrive, and started afresh when the session or its decoder changes.
 */
export class PairingState {
  #lib = $state.raw<Awaited<ReturnType<typeof loadPairing>> | null>(null);
  #asked = false;
  #built: { for: Indexed; scan: PairingScan } | null = null;
  /** Bumped as the index grows: Frame details reads it again. */
  #version = $state(0);

  /** Records arrived: the index takes them in, if there is one. */
  update(): void {
    this.#built?.scan.update();
  }

  /** Each message's exchange in words, or null for a message that pairs with nothing. */
  describe(seq: number, messages: readonly DecodedMessage[], indexed: Indexed): (string | null)[] {
    if (messages.every((message) => message.pairing === undefined)) return messages.map(() => null);
    void this.#version;
    const scan = this.#scan(indexed);
    const lib = this.#lib;
    return messages.map(({ pairing }, index) => {
      if (pairing === undefined) return null;
      if (scan === null || lib === null || scan.indexedTo <= seq) {
        return scan?.failure ? `not paired: ${scan.failure}` : 'pairing…';
      }
      const link = scan.index.link(seq, index, pairing);
      if (link.role === 'request' && link.reply === null && !scan.complete) return 'looking for its reply…';
      return lib.describeLink(link);
    });
  }

  #scan(indexed: Indexed): PairingScan | null {
    const built = this.#built;
    if (built?.for.source === indexed.source && built.for.decoder === indexed.decoder) return built.scan;
    const lib = this.#lib;
    if (lib === null) {
      if (!this.#asked) {
        this.#asked = true;
        loadPairing().then(
          (loaded) => (this.#lib = loaded),
          (error: unknown) => console.warn('Pairing did not load:', error),
        );
      }
      return null;
    }
    built?.scan.stop();
    const scan = new lib.PairingScan(
      indexed.source,
      indexed.decoder.start(indexed.facts),
      () => this.#version++,
    );
    this.#built = { for: indexed, scan };
    // Started after this read: the scan reports progress by bumping state, which a read must not do.
    queueMicrotask(() => scan.update());
    return scan;
  }
}
