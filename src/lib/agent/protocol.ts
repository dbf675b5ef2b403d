/** The control messages between the app and the agent (JSON text); docs/agent.md describes each. */

export type HeaderPair = [name: string, value: string];

export interface TlsOptions {
  /** PEM text of an extra CA to trust. */
  ca?: string;
  /** The one host name whose certificate is not checked (the agent reports a warning). */
  insecureHost?: string;
  /** PEM client certificate and its key, for mTLS. */
  cert?: string;
  key?: string;
}

/** What the app may ask of one connection through the agent. */
export interface AgentConnectOptions {
  headers?: HeaderPair[];
  tls?: TlsOptions;
  /** Offer permessage-deflate (default true). */
  perMessageDeflate?: boolean;
  /** Frames larger than this close the connection with 1009 (incoming) or are not sent (outgoing). */
  maxFrameBytes?: number;
  connectTimeoutMs?: number;
  /** Send a protocol ping every N seconds; 0 or absent for never. */
  pingEverySeconds?: number;
}

export interface OpenMessage extends AgentConnectOptions {
  type: 'open';
  id: number;
  url: string;
  protocols: string[];
}

export type AppMessage =
  | { type: 'auth'; token: string }
  | OpenMessage
  | { type: 'close'; id: number; code?: number; reason?: string }
  | { type: 'ping'; id: number; data?: string }
  | { type: 'settings'; id: number; pingEverySeconds: number };

export interface HandshakeReport {
  request: { line: string; headers: HeaderPair[] };
  /** null when the server never answered the upgrade (a timeout, a TLS error…). */
  response: {
    line: string;
    status: number;
    headers: HeaderPair[];
    /** For a refused upgrade: the start of its body as text (at most 4 KB). */
    bodyStart?: string;
    bodyTruncated?: boolean;
  } | null;
  tls: {
    protocol: string | null;
    authorized: boolean;
    authorizationError: string | null;
    peer: { subject: string; issuer: string; validFrom: string; validTo: string } | null;
  } | null;
}

/** A close frame as the server sent it: `code` null when it carried no status code. */
export interface CloseFrame {
  code: number | null;
  reason: string;
  payloadHex: string;
}

export type AgentMessage =
  | { type: 'ready'; v: number }
  | ({ type: 'handshake'; id: number } & HandshakeReport)
  | { type: 'opened'; id: number; protocol: string; extensions: string; compressesOutgoing: boolean }
  | { type: 'warning'; id: number; message: string }
  | { type: 'error'; id?: number; code: string; message: string }
  | { type: 'ping' | 'pong'; id: number; dir: 'in' | 'out'; b64: string }
  | {
      type: 'closed';
      id: number;
      code: number;
      reason: string;
      wasClean: boolean;
      frame: CloseFrame | null;
      by?: 'agent';
    };

/** Parses a control message from the agent; null for anything that is not one. */
export function parseAgentMessage(text: string): AgentMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value !== 'object' ||
      value === null ||
      typeof (value as { type?: unknown }).type !== 'string'
    ) {
      return null;
    }
    return value as AgentMessage;
  } catch {
    return null;
  }
}
