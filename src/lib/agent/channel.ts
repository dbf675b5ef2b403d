import type { AgentMessage, AppMessage } from './protocol';

/** What one connection through the agent hears. */
export interface ChannelHandlers {
  /** A control message for this connection, in arrival order with its frames. */
  control(message: AgentMessage): void;
  frame(flags: number, payload: Uint8Array<ArrayBuffer>): void;
  /** The link to the agent ended (or never came up) before the agent reported this connection closed. */
  lost(reason: string): void;
}

/** What a channel needs of the link that carries it (AgentClient). */
export interface ChannelCarrier {
  /** Bytes queued towards the agent, for every connection together. */
  readonly bufferedAmount: number;
  sendControl(message: AppMessage): void;
  sendFrame(id: number, binary: boolean, payload: Uint8Array): void;
}

/** One upstream connection carried by an AgentClient. */
export class AgentChannel {
  constructor(
    readonly client: ChannelCarrier,
    readonly id: number,
    readonly handlers: ChannelHandlers,
  ) {}

  sendText(bytes: Uint8Array): void {
    this.client.sendFrame(this.id, false, bytes);
  }

  sendBinary(bytes: Uint8Array): void {
    this.client.sendFrame(this.id, true, bytes);
  }

  close(code?: number, reason?: string): void {
    this.client.sendControl({ type: 'close', id: this.id, code, reason });
  }

  /** A protocol ping with up to 125 bytes of UTF-8 text. */
  ping(data = ''): void {
    this.client.sendControl({ type: 'ping', id: this.id, data });
  }

  /** Pings every `seconds` (0 stops). */
  pingEvery(seconds: number): void {
    this.client.sendControl({ type: 'settings', id: this.id, pingEverySeconds: seconds });
  }
}
