import { formatJson } from '../lib/encoding/json';
import type { MessageFormat } from '../lib/compose/message';
import { encodeMessage } from '../lib/compose/message';
import type { OutgoingPayload } from '../lib/compose/message';
import type { Result } from '../lib/result';
import type { VariableContext } from '../lib/compose/variables';
import { expandVariables, randomUuid } from '../lib/compose/variables';
import { messageOf } from '../lib/errors';
import type { ConnectionBarState } from './connection-bar.svelte';

interface SentMessage {
  body: string;
  format: MessageFormat;
}

const HISTORY_LIMIT = 100;

/** The message being written, its format, and the messages sent before (newest first) for recall. */
export class ComposerState {
  #body = $state('');
  #format = $state<MessageFormat>('text');
  #history = $state.raw<SentMessage[]>([]);
  /** Which history entry is in the box while recalling; -1 when the box holds a new message. */
  #recallIndex = -1;
  /** The unsent message that recalling replaced, restored when stepping back past the newest entry. */
  #draft = '';
  #sendError = $state<string | null>(null);
  readonly #bar: ConnectionBarState;

  /** The message as it would go now: checked as typed, with its variables filled in. */
  readonly encoded = $derived(this.#encode(this.#body, this.#format, this.#variables(1)));

  /** Sends on the bar's connection; the profile the bar uses says what {{name}} stands for. */
  constructor(bar: ConnectionBarState) {
    this.#bar = bar;
  }

  get body() {
    return this.#body;
  }
  set body(value: string) {
    this.#body = value;
    this.#sendError = null;
    this.#recallIndex = -1;
  }
  get format() {
    return this.#format;
  }
  set format(value: MessageFormat) {
    this.#format = value;
    this.#sendError = null;
  }
  get history(): readonly SentMessage[] {
    return this.#history;
  }

  /** What is wrong with the message as typed; empty messages are fine (an empty text frame is legal). */
  get error(): string | null {
    if (this.#sendError !== null) return this.#sendError;
    return this.#body !== '' && !this.encoded.ok ? this.encoded.error : null;
  }

  /** Sends the message in the box, its variables filled in afresh; returns whether it went out. */
  send(): boolean {
    return this.sendMessage(this.#body, this.#format);
  }

  /** Sends a message (the box's or a saved one); a failure is shown under the box. */
  sendMessage(body: string, format: MessageFormat): boolean {
    // Checked first with this screen's variables, so a typo is reported even while disconnected.
    const checked = this.#encode(body, format, this.#variables(1));
    const sent = checked.ok ? this.#bar.live.send({ body, format }) : checked;
    if (!sent.ok) {
      this.#sendError = sent.error;
      return false;
    }
    this.#remember({ body, format });
    return true;
  }

  async sendFile(file: File): Promise<void> {
    try {
      this.#bar.live.sendBinary(new Uint8Array(await file.arrayBuffer()));
      this.#sendError = null;
    } catch (error) {
      this.#sendError = `${file.name} was not sent: ${messageOf(error)}`;
    }
  }

  /** Steps through earlier messages: older with +1, newer with -1. */
  recall(step: 1 | -1): void {
    this.recallEntry(this.#recallIndex + step);
  }

  /** Puts history entry `index` in the box; -1 brings back the message that was being written. */
  recallEntry(index: number): void {
    if (index < -1 || index >= this.#history.length) return;
    if (this.#recallIndex === -1) this.#draft = this.#body;
    const entry = this.#history[index];
    this.#body = entry?.body ?? this.#draft;
    if (entry) this.#format = entry.format;
    this.#recallIndex = index;
    this.#sendError = null;
  }

  /** Pretty-prints (indent 2) or minifies (indent '') the JSON in the box; invalid JSON stays as it is. */
  reformatJson(indent: 2 | ''): void {
    const formatted = formatJson(this.#body, indent);
    if (formatted.ok) this.#body = formatted.value;
    else this.#sendError = formatted.error;
  }

  #variables(seq: number): VariableContext {
    return { values: this.#bar.profile?.values ?? {}, seq, now: Date.now, uuid: randomUuid };
  }

  #encode(body: string, format: MessageFormat, variables: VariableContext): Result<OutgoingPayload> {
    const expanded = expandVariables(body, variables);
    return expanded.ok ? encodeMessage(expanded.value, format) : expanded;
  }

  #remember(message: SentMessage): void {
    const rest = this.#history.filter((m) => m.body !== message.body || m.format !== message.format);
    this.#history = [message, ...rest].slice(0, HISTORY_LIMIT);
    this.#recallIndex = -1;
  }
}
