import { formatJson } from '../lib/encoding/json';
import type { ComposerFormat, MessageFormat, OutgoingPayload, ProtocolFormat } from '../lib/compose/message';
import { encodeDescription, encodeMessage, isProtocolFormat } from '../lib/compose/message';
import type { ComposeContext, Decoder } from '../lib/decoders/decoder';
import { findEntry, loadDecoder } from '../lib/decoders/registry';
import type { Result } from '../lib/result';
import type { VariableContext } from '../lib/compose/variables';
import { expandVariables, randomUuid } from '../lib/compose/variables';
import { messageOf } from '../lib/errors';
import { ProtocolKeepAlive } from '../lib/session/protocol-keep-alive';
import type { ConnectionBarState } from './connection-bar.svelte';

interface SentMessage {
  body: string;
  format: ComposerFormat;
}

const HISTORY_LIMIT = 100;

/**
 * The message being written, its format, and the messages sent before (newest first) for recall. It also owns the
 * connection's Handshake and keep-alive, whose per-connection ids and subprotocol protocol formats compose with.
 */
export class ComposerState {
  #body = $state('');
  #format = $state<ComposerFormat>('text');
  #keepAliveOn = $state(true);
  /** Decoders loaded for protocol formats, by id: composing waits for the first load only. */
  #decoders = $state.raw<Readonly<Record<string, Decoder>>>({});
  readonly #keepAlive: ProtocolKeepAlive;
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
    this.#keepAlive = new ProtocolKeepAlive(bar.live.session);
  }

  /** Handshake and keep-alive: on by default; off stops it on the open connection at once. */
  get keepAlive(): boolean {
    return this.#keepAliveOn;
  }
  set keepAlive(value: boolean) {
    this.#keepAliveOn = value;
    this.#keepAlive.enabled = value;
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
  set format(value: ComposerFormat) {
    this.#format = value;
    this.#sendError = null;
    // Loaded as soon as chosen, so the description is checked as it is typed.
    if (isProtocolFormat(value)) void this.#decoder(value).catch(() => undefined);
  }
  /** The format a profile's saved message can keep: protocol formats are composed here only. */
  get savableFormat(): MessageFormat | null {
    return isProtocolFormat(this.#format) ? null : this.#format;
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
  sendMessage(body: string, format: ComposerFormat): boolean {
    if (isProtocolFormat(format)) {
      void this.#sendComposed(body, format);
      return true;
    }
    // Checked first with this screen's variables, so a typo is reported even while disconnected.
    const checked = this.#encode(body, format, this.#variables(1));
    const sent = checked.ok ? this.#bar.live.send({ body, format }) : checked;
    return this.#sent(sent, { body, format });
  }

  /** A protocol format: variables filled in, the description encoded by the protocol's decoder, every frame sent. */
  async #sendComposed(body: string, format: ProtocolFormat): Promise<void> {
    const live = this.#bar.live.session;
    let sent: Result<OutgoingPayload[]>;
    try {
      const variables = this.#variables(live.nextSendSeq);
      sent = this.#compose(await this.#decoder(format), body, variables, this.#keepAlive.composeContext);
      for (const frame of sent.ok ? sent.value : []) {
        if (frame.kind === 'text') live.sendText(frame.text);
        else live.sendBinary(frame.bytes);
      }
    } catch (error) {
      sent = { ok: false, error: messageOf(error) };
    }
    this.#sent(sent, { body, format });
  }

  #sent(sent: Result<unknown>, message: SentMessage): boolean {
    if (!sent.ok) {
      this.#sendError = sent.error;
      return false;
    }
    this.#remember(message);
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

  #encode(body: string, format: ComposerFormat, variables: VariableContext): Result<OutgoingPayload[]> {
    if (isProtocolFormat(format)) {
      return this.#compose(this.#decoders[format], body, variables, this.#keepAlive.previewContext);
    }
    const expanded = expandVariables(body, variables);
    const encoded = expanded.ok ? encodeMessage(expanded.value, format) : expanded;
    return encoded.ok ? { ok: true, value: [encoded.value] } : encoded;
  }

  /** Variables first, as for every format; until its decoder has loaded, a description's JSON alone is checked. */
  #compose(decoder: Decoder | undefined, body: string, variables: VariableContext, context: ComposeContext) {
    const expanded = expandVariables(body, variables);
    return expanded.ok ? encodeDescription(expanded.value, decoder, context) : expanded;
  }

  async #decoder(format: ProtocolFormat): Promise<Decoder> {
    const loaded = this.#decoders[format];
    if (loaded !== undefined) return loaded;
    const entry = findEntry(format);
    if (entry === undefined) throw new Error(`No ${format} decoder is available`);
    const decoder = await loadDecoder(entry);
    this.#decoders = { ...this.#decoders, [format]: decoder };
    return decoder;
  }

  #remember(message: SentMessage): void {
    const rest = this.#history.filter((m) => m.body !== message.body || m.format !== message.format);
    this.#history = [message, ...rest].slice(0, HISTORY_LIMIT);
    this.#recallIndex = -1;
  }
}
