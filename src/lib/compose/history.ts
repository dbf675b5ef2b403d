/** A message as the composer sent it, to bring back into the box. */
export interface SentMessage<Format extends string = string> {
  body: string;
  format: Format;
}

const HISTORY_LIMIT = 100;

/**
 * The messages sent before, newest first, and stepping through them with Alt+↑/↓: the message being written is kept
 * aside while recalling and comes back when stepping past the newest.
 */
export class MessageHistory<Format extends string = string> {
  #entries: SentMessage<Format>[];
  /** Which entry is in the box while recalling; -1 when the box holds a new message. */
  #index = -1;
  #draft = '';

  readonly #kept: (entries: readonly SentMessage<Format>[]) => void;

  /** `entries`: what an earlier visit sent, newest first; `kept` hears of each change, to store it. */
  constructor(
    entries: readonly SentMessage<Format>[] = [],
    kept: (entries: readonly SentMessage<Format>[]) => void = () => {},
  ) {
    this.#entries = entries.slice(0, HISTORY_LIMIT);
    this.#kept = kept;
  }

  get entries(): readonly SentMessage<Format>[] {
    return this.#entries;
  }
  get index(): number {
    return this.#index;
  }

  /** A message went out: it becomes the newest entry (once), and recalling starts over. */
  remember(message: SentMessage<Format>): void {
    const rest = this.#entries.filter((m) => m.body !== message.body || m.format !== message.format);
    this.#entries = [message, ...rest].slice(0, HISTORY_LIMIT);
    this.#index = -1;
    this.#kept(this.#entries);
  }

  /** The box was edited by hand: it holds a new message again. */
  edited(): void {
    this.#index = -1;
  }

  /**
   * What the box should hold at entry `index` (-1: the message that was being written), or undefined when there is
   * no such entry. `current` is the box's text, kept aside when recalling starts.
   */
  recall(index: number, current: string): { body: string; format?: Format } | undefined {
    if (index < -1 || index >= this.#entries.length) return undefined;
    if (this.#index === -1) this.#draft = current;
    this.#index = index;
    const entry = this.#entries[index];
    return entry ?? { body: this.#draft };
  }
}
