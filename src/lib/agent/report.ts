import type { AgentMessage, CloseFrame, HandshakeReport } from './protocol';

/** What the agent shows beyond a WebSocket's events; the UI turns these into note rows and the Handshake panel. */
export type AgentReport =
  | ({ kind: 'handshake' } & HandshakeReport)
  | { kind: 'warning'; message: string }
  /** Why the connection failed or a frame was not sent: `code` is stable (docs/agent.md), `message` is for people. */
  | { kind: 'failure'; code: string; message: string }
  | { kind: 'ping' | 'pong'; dir: 'in' | 'out'; data: Uint8Array }
  /** One per message each way, right after its message event (or send). */
  | { kind: 'frame'; dir: 'in' | 'out'; opcode: 'text' | 'binary'; compressed: boolean; size: number }
  /** The server's close frame as sent, reported just before the close event; absent when none came. */
  | { kind: 'close-frame'; frame: CloseFrame };

/** Error codes about one frame, ping or close request: the connection goes on, so no error event. */
const ABOUT_ONE_MESSAGE = new Set(['not-open', 'frame-not-sent', 'bad-close', 'bad-ping']);

/** Whether an agent error code means the connection itself failed (a browser's error event, a close to follow). */
export function failsConnection(code: string): boolean {
  return !ABOUT_ONE_MESSAGE.has(code);
}

/** The report a control message from the agent carries, if any: reported before the socket acts on the message. */
export function reportOf(message: AgentMessage): AgentReport | undefined {
  switch (message.type) {
    case 'handshake':
      return { kind: 'handshake', request: message.request, response: message.response, tls: message.tls };
    case 'warning':
      return { kind: 'warning', message: message.message };
    case 'ping':
    case 'pong':
      return { kind: message.type, dir: message.dir, data: fromBase64(message.b64) };
    case 'error':
      return { kind: 'failure', code: message.code, message: message.message };
    case 'closed':
      return message.frame ? { kind: 'close-frame', frame: message.frame } : undefined;
    default:
      return undefined;
  }
}

function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
