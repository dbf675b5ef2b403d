/** Sends on a LiveSession's open connection, marking which of the recorded outgoing messages the app sent itself. */
import type { SendOptions } from '../automation/target';
import type { ComposedMessage } from '../compose/message';
import { encodeMessage } from '../compose/message';
import { expandVariables, randomUuid } from '../compose/variables';
import { messageOf } from '../errors';
import type { UnnumberedRecord } from '../model/frame';
import type { Result } from '../result';
import type { Connection } from '../ws/connection';

export class SessionSender {
  /** The connection, if it is open: messages can be sent on nothing else. */
  readonly #openConnection: () => Connection | null;
  /** One entry per message sent on the current connection and not yet recorded: whether it was automatic. */
  #sentMarks: boolean[] = [];

  constructor(openConnection: () => Connection | null) {
    this.#openConnection = openConnection;
  }

  /** A new connection: nothing sent on it yet. */
  reset(): void {
    this.#sentMarks = [];
  }

  /**
   * Fills in the variables (the connection's `values`, then the options', with `seq` as `{{$seq}}`), encodes, and
   * sends; or says what is wrong.
   */
  send(
    message: ComposedMessage,
    values: Readonly<Record<string, string>>,
    seq: number,
    options: SendOptions,
  ): Result<void> {
    const expanded = expandVariables(message.body, {
      values: options.values ? { ...values, ...options.values } : values,
      seq,
      now: Date.now,
      uuid: randomUuid,
    });
    if (!expanded.ok) return expanded;
    const encoded = encodeMessage(expanded.value, message.format);
    if (!encoded.ok) return encoded;
    try {
      const automatic = options.automatic === true;
      if (encoded.value.kind === 'text') this.sendText(encoded.value.text, automatic);
      else this.sendBinary(encoded.value.bytes, automatic);
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
    return { ok: true, value: undefined };
  }

  sendText(text: string, automatic: boolean): void {
    this.#sendRecorded(automatic, (connection) => connection.sendText(text));
  }

  sendBinary(bytes: Uint8Array, automatic: boolean): void {
    this.#sendRecorded(automatic, (connection) => connection.sendBinary(bytes));
  }

  /** Sets `auto` on a recorded outgoing message the app sent by itself. */
  markAutomatic(record: UnnumberedRecord): void {
    if ((record.kind === 'text' || record.kind === 'binary') && record.dir === 'out') {
      if (this.#sentMarks.shift() === true) record.auto = true;
    }
  }

  #sendRecorded(automatic: boolean, send: (connection: Connection) => void): void {
    const connection = this.#openConnection();
    if (connection === null) {
      throw new Error('Connect first: messages can only be sent on an open connection.');
    }
    // The connection records sent messages in the order they were sent (possibly later, behind a Blob read), so a
    // queue of one mark per send tells markAutomatic which outgoing record is automatic.
    this.#sentMarks.push(automatic);
    try {
      send(connection);
    } catch (error) {
      this.#sentMarks.pop();
      throw error;
    }
  }
}
