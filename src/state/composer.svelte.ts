import { formatJson } from '../lib/encoding/json';
import type { ComposerFormat, MessageFormat, OutgoingPayload, ProtocolFormat } from '../lib/compose/message';
import { encodeDescription, encodeMessage, isProtocolFormat } from '../lib/compose/message';
import type { ComposeContext, Decoder } from '../lib/decoders/decoder';
import type { DecodeChoice } from '../lib/decoders/registry';
import type { Result } from '../lib/result';
import type { VariableContext } from '../lib/compose/variables';
import { expandVariables, randomUuid } from '../lib/compose/variables';
import type { MessageHistory, SentMessage as ComposerSentMessage } from '../lib/compose/history';
import { storedHistory, type KeyValue } from '../lib/compose/history-store';
import { messageOf } from '../lib/errors';
import type { ConnectionBarState } from './connection-bar.svelte';
import { KeepAliveState } from './keep-alive.svelte';

type SentMessage = ComposerSentMessage<ComposerFormat>;

/**
 * The message being written, its format, and the messages sent before (newest first) for recall. It also owns the
 * connection's Handshake and keep-alive, whose per-connection ids and subprotocol protocol formats compose with.
 */
export class ComposerState {
  #body = $state('');
  #format = $state<ComposerFormat>('text');
  /** Decoders loaded for protocol formats, by id: composing waits for the first load only. */
  #decoders = $state.raw<Readonly<Record<string, Decoder>>>({});
  readonly #keepAlive: KeepAliveState;
  readonly #recall: MessageHistory<ComposerFormat>;
  /** The recall list as the UI reads it: replaced whenever a message is remembered. */
  #history = $state.raw<readonly SentMessage[]>([]);
  #sendError = $state<string | null>(null);
  readonly #bar: ConnectionBarState;

  /** The message as it would go now: checked as typed, with its variables filled in. */
  readonly encoded = $derived(this.#encode(this.#body, this.#format, this.#variables(1)));

  /** Sends on the bar's connection ({{name}} as its profile says); `storage` keeps the history across reloads. */
  constructor(bar: ConnectionBarState, storage: KeyValue | null = null) {
    this.#bar = bar;
    this.#history = (this.#recall = storedHistory(storage)).entries;
    this.#keepAlive = new KeepAliveState(bar.live.session);
  }

  /** Resolves once Handshake and keep-alive listens (see KeepAliveState). */
  get ready(): Promise<void> {
    return this.#keepAlive.ready;
  }

  /** Handshake and keep-alive: on by default; off stops it on the open connection at once. */
  get keepAlive(): boolean {
    return this.#keepAlive.on;
  }
  set keepAlive(value: boolean) {
    this.#keepAlive.on = value;
  }

  /** What `Decode as` says of the connection: Handshake and keep-alive speaks that protocol, or none. */
  set decodeAs(choice: DecodeChoice) {
    this.#keepAlive.decodeAs = choice;
  }

  get body() {
    return this.#body;
  }
  set body(value: string) {
    this.#body = value;
    this.#sendError = null;
    this.#recall.edited();
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
    // Checked first with this screen's variables, so a typo is reported even while disconnected; then sent with
    // them too, so a variable defined since the connection opened is used, as the check promised.
    const checked = this.#encode(body, format, this.#variables(1));
    const values = this.#bar.profile?.values ?? {};
    const sent = checked.ok ? this.#bar.live.send({ body, format }, { values }) : checked;
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
    this.recallEntry(this.#recall.index + step);
  }

  /** Puts history entry `index` in the box; -1 brings back the message that was being written. */
  recallEntry(index: number): void {
    const recalled = this.#recall.recall(index, this.#body);
    if (recalled === undefined) return;
    this.#body = recalled.body;
    if (recalled.format) this.#format = recalled.format;
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
    const { findEntry, loadDecoder } = await import('../lib/decoders/registry');
    const entry = findEntry(format);
    if (entry === undefined) throw new Error(`No ${format} decoder is available`);
    const decoder = await loadDecoder(entry);
    this.#decoders = { ...this.#decoders, [format]: decoder };
    return decoder;
  }

  #remember(message: SentMessage): void {
    this.#recall.remember(message);
    this.#history = this.#recall.entries;
  }
}
