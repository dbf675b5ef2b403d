import type { DecoderEntry, WireFrame } from './decoder';
import type { DecodeChoice } from './registry';
import { DECODER_ENTRIES, findEntry } from './registry';

export type DetectionReason = 'from the subprotocol' | 'from the URL' | 'from the first frames' | 'chosen';

/** Which decoder a connection uses, and why: what the `Decoder` status shows (`Socket.IO, from the URL`). */
export interface Detection {
  id: string;
  label: string;
  reason: DetectionReason;
}

/** Detection looks at no more than this many messages; a connection none of them identifies has no decoder. */
export const SNIFFED_MESSAGES = 8;

/**
 * Detects a connection's protocol, once: by its negotiated subprotocol, then its URL, then its first messages.
 * The answer is sticky: later frames never change it, so a row decodes the same way however far the session runs.
 */
export class DecoderDetector {
  readonly #url: URL | null;
  readonly #entries: readonly DecoderEntry[];
  #detected: Detection | null = null;
  #opened = false;
  #messagesSeen = 0;

  constructor(url: string, entries: readonly DecoderEntry[] = DECODER_ENTRIES) {
    this.#url = parseUrl(url);
    this.#entries = entries;
  }

  /** The decoder found, or null: none yet, or none at all once settled. */
  get detected(): Detection | null {
    return this.#detected;
  }

  /** Whether the answer is final. */
  get settled(): boolean {
    return this.#detected !== null || this.#messagesSeen >= SNIFFED_MESSAGES;
  }

  /** The connection opened with this subprotocol ('' for none). The subprotocol outranks the URL. */
  opened(protocol: string): void {
    if (this.#opened) return;
    this.#opened = true;
    const url = this.#url;
    if (protocol !== '') this.#decide((entry) => entry.byProtocol?.(protocol), 'from the subprotocol');
    if (url !== null) this.#decide((entry) => entry.byUrl?.(url), 'from the URL');
  }

  /** One of the connection's messages, in order. */
  message(frame: WireFrame): void {
    // An imported session may have no open event: its messages still start the rules in order.
    this.opened('');
    if (this.settled) return;
    this.#messagesSeen++;
    this.#decide((entry) => entry.sniff?.(frame), 'from the first frames');
  }

  #decide(rule: (entry: DecoderEntry) => boolean | undefined, reason: DetectionReason): void {
    if (this.#detected !== null) return;
    const found = this.#entries.find((entry) => {
      try {
        return rule(entry) === true;
      } catch {
        // A rule that throws on an odd frame is a rule that said no: detection must never break the grid.
        return false;
      }
    });
    if (found) this.#detected = { id: found.id, label: found.label, reason };
  }
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** What a connection decodes with: the `Decode as` choice overrides detection. */
export function chooseDecoder(
  choice: DecodeChoice,
  detected: Detection | null,
  entries: readonly DecoderEntry[] = DECODER_ENTRIES,
): Detection | null {
  if (choice === 'auto') return detected;
  const chosen = choice === 'none' ? undefined : findEntry(choice, entries);
  return chosen ? { id: chosen.id, label: chosen.label, reason: 'chosen' } : null;
}

/** The `Decoder` status: `Socket.IO, from the URL`, or `none`. */
export function describeDetection(detection: Detection | null): string {
  return detection === null ? 'none' : `${detection.label}, ${detection.reason}`;
}
