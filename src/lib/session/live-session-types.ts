/** What a LiveSession takes (its request and dependencies) and the events it publishes. */
import type { AutoRule } from '../automation/rules';
import type { ComposedMessage } from '../compose/message';
import type { BinaryType, FrameRecord } from '../model/frame';
import type { SecretVariable, SessionMeta } from '../model/session';
import type { FrameReader, FrameWriter } from '../record/frame-store';
import type { PersistState, Recorder, RecorderOptions } from '../record/recorder';
import type { ConnectionStatus, SocketFactory } from '../ws/connection';
import type { RecordingLimitSettings } from './recording-limits';

/** What one connection attempt needs; every attempt, reconnects included, is a session of its own. */
export interface ConnectRequest {
  url: string;
  protocols: string[];
  binaryType: BinaryType;
  /** What `{{name}}` stands for in messages sent on this connection. */
  values?: Readonly<Record<string, string>>;
  /** Messages a server expects first (a login, a subscribe), sent in order as soon as the connection opens. */
  sendOnOpen?: readonly ComposedMessage[];
  /**
   * Automation for this connection (lib/automation/rules.ts), already checked (checkRules): `sendOnOpen` becomes
   * `open` rules ahead of these.
   */
  rules?: readonly AutoRule[];
  /** Connect again, with a growing pause, after a close nobody asked for. */
  reconnect?: boolean;
  /** Secret values that may be filled in: kept with the session so its exports redact them (never exported). */
  secrets?: readonly SecretVariable[];
  /**
   * This connection's own way of opening its socket (through the local agent), instead of the session's: the
   * choice belongs to each attempt, since the same panel may connect directly and then through the agent.
   */
  createSocket?: SocketFactory;
}

/** The session listing, as recording needs it: storage implements it. */
export interface SessionCatalog {
  put(meta: SessionMeta): Promise<void>;
}

/** Held while a session records, so no other tab takes it for one a crashed tab left behind. */
export type RecordingLock = (sessionId: string) => Promise<() => void>;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface LiveSessionDeps {
  frames: FrameWriter & FrameReader;
  catalog: SessionCatalog;
  newId: (startedAt: number) => string;
  lock?: RecordingLock;
  createSocket?: SocketFactory;
  /** Stamps records: epoch milliseconds with sub-millisecond precision. */
  clock?: () => number;
  timers?: Timers;
  recorder?: Partial<RecorderOptions>;
  limits?: Partial<RecordingLimitSettings>;
}

export interface OpenInfo {
  url: string;
  protocol: string;
  extensions: string;
  at: number;
}

export interface CloseInfo {
  code: number;
  reason: string;
  wasClean: boolean;
}

export interface LiveSessionEvents {
  /** A new recording began (each connect): whoever shows the live connection decides whether to show it. */
  recording: { recorder: Recorder; meta: SessionMeta };
  /** Each record of the current recording, numbered, as it is appended. */
  record: FrameRecord;
  /** Records were appended or saved: redraw soon (subscribers throttle). */
  changed: void;
  status: ConnectionStatus;
  open: OpenInfo;
  close: CloseInfo;
  persist: PersistState;
  /** The session listing holds this meta now: a recording began or ended. */
  listed: SessionMeta;
  /** When the next automatic reconnect will happen; null when none is pending. */
  reconnect: { at: number; attempt: number } | null;
  /** Something went wrong that the person should read: a connection that could not start, a failed listing. */
  problem: string;
}
