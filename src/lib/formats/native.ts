import { parseBase64, toBase64 } from '../encoding/base64';
import { utf8Length } from '../encoding/utf8';
import type { SessionDescription, SessionMeta } from '../model/session';
import type { FrameRecord, UnnumberedRecord } from '../model/frame';
import type { Redaction, RedactionPlan } from './redaction';
import type { RecordCheck } from './validate';
import {
  checkCloseFields,
  isBinaryType,
  isFiniteTime,
  isObject,
  optionalString,
  stringArray,
} from './validate';
import { closeWireFields, messageWireFields, readFrameHex, readMessageWire } from './wire-fields';

/**
 * The native session format, `*.wsi.jsonl`: UTF-8, one JSON value per line. A header line, one line per record,
 * and an end line with the count, so a reader can tell a complete file from a cut one. Written and read a line at
 * a time, so neither side ever holds a whole session.
 */
export const NATIVE_FORMAT = 'wsi-session';
export const NATIVE_VERSION = 1;
export const NATIVE_EXTENSION = '.wsi.jsonl';
export const APP_NAME = 'WS Inspector';

export interface NativeHeader {
  format: typeof NATIVE_FORMAT;
  v: number;
  app: string;
  exportedAt: string;
  session: SessionDescription;
  redactions: Redaction[];
}

export function nativeHeaderLine(meta: SessionMeta, plan: RedactionPlan, exportedAt: Date): string {
  const session: SessionDescription = {
    ...(meta.name === undefined ? {} : { name: plan.text(meta.name) }),
    url: plan.url,
    protocols: [...plan.protocols],
    binaryType: meta.binaryType,
    startedAt: meta.startedAt,
    ...(meta.endedAt === undefined ? {} : { endedAt: meta.endedAt }),
  };
  const header: NativeHeader = {
    format: NATIVE_FORMAT,
    v: NATIVE_VERSION,
    app: APP_NAME,
    exportedAt: exportedAt.toISOString(),
    session,
    redactions: [...plan.redactions],
  };
  return JSON.stringify(header);
}

export function nativeRecordLine(record: FrameRecord, plan: RedactionPlan): string {
  const base = { seq: record.seq, t: record.t };
  switch (record.kind) {
    case 'text':
      return JSON.stringify({
        ...base,
        dir: record.dir,
        kind: 'text',
        data: plan.text(record.text),
        ...messageWireFields(record),
      });
    case 'binary':
      return JSON.stringify({
        ...base,
        dir: record.dir,
        kind: 'binary',
        b64: toBase64(plan.bytes(record.bytes)),
        ...(record.binaryType ? { binaryType: record.binaryType } : {}),
        ...messageWireFields(record),
      });
    case 'open':
      return JSON.stringify({
        ...base,
        kind: 'open',
        protocol: plan.text(record.protocol),
        extensions: record.extensions,
      });
    case 'close': {
      const reason = plan.text(record.reason);
      const { code, wasClean } = record;
      return JSON.stringify({
        ...base,
        kind: 'close',
        code,
        reason,
        wasClean,
        ...closeWireFields(record, reason),
      });
    }
    case 'error':
      return JSON.stringify({ ...base, kind: 'error', message: plan.text(record.message) });
    case 'note':
      return JSON.stringify({ ...base, kind: 'note', text: plan.text(record.text) });
  }
}

export function nativeEndLine(count: number): string {
  return JSON.stringify({ end: true, count });
}

export type HeaderCheck =
  { ok: true; session: SessionDescription; redactions: number } | { ok: false; error: string };

/** Checks line 1. A header from a newer major version is refused: its records may mean something else. */
export function checkNativeHeader(value: unknown): HeaderCheck {
  if (!isObject(value) || value.format !== NATIVE_FORMAT) {
    return { ok: false, error: 'The first line is not a WS Inspector session header.' };
  }
  const version = value.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'The session header has no valid format version.' };
  }
  if (version > NATIVE_VERSION) {
    return {
      ok: false,
      error: `This file was written by a newer WS Inspector (format version ${version}); this version reads version ${NATIVE_VERSION}. Update the app to open it.`,
    };
  }
  const session = isObject(value.session) ? value.session : {};
  const startedAt = isFiniteTime(session.startedAt) ? session.startedAt : undefined;
  const endedAt = isFiniteTime(session.endedAt) ? session.endedAt : undefined;
  const name = optionalString(session.name);
  return {
    ok: true,
    session: {
      ...(name === undefined ? {} : { name }),
      url: typeof session.url === 'string' ? session.url : '',
      protocols: stringArray(session.protocols),
      binaryType: isBinaryType(session.binaryType) ? session.binaryType : 'arraybuffer',
      // Unknown when absent: the first record's time stands in (see the importer).
      startedAt: startedAt ?? Number.NaN,
      ...(endedAt === undefined ? {} : { endedAt }),
    },
    redactions: Array.isArray(value.redactions) ? value.redactions.length : 0,
  };
}

/** The end line, when this value is one. */
export function nativeEndCount(value: unknown): number | null | undefined {
  if (!isObject(value) || value.end !== true) return undefined;
  return typeof value.count === 'number' && Number.isSafeInteger(value.count) ? value.count : null;
}

/** Checks one record line; a record that fails says why, in a few words that group well in a summary. */
export function checkNativeRecord(value: unknown): RecordCheck {
  if (!isObject(value)) return { ok: false, error: 'not a JSON object' };
  const t = value.t;
  if (!isFiniteTime(t)) return { ok: false, error: 'missing or impossible time' };
  const kind = value.kind;
  const dir = value.dir;
  switch (kind) {
    case 'text': {
      if (dir !== 'in' && dir !== 'out') return { ok: false, error: 'message without a direction' };
      if (typeof value.data !== 'string') return { ok: false, error: 'text message without text' };
      const size = utf8Length(value.data);
      return ok({ kind, dir, t, text: value.data, size, ...readMessageWire(value) });
    }
    case 'binary': {
      if (dir !== 'in' && dir !== 'out') return { ok: false, error: 'message without a direction' };
      if (typeof value.b64 !== 'string') return { ok: false, error: 'binary message without bytes' };
      const bytes = parseBase64(value.b64);
      if (!bytes.ok) return { ok: false, error: 'binary message with invalid base64' };
      const record: UnnumberedRecord = {
        kind,
        dir,
        t,
        bytes: bytes.value,
        size: bytes.value.byteLength,
        ...readMessageWire(value),
      };
      if (isBinaryType(value.binaryType)) record.binaryType = value.binaryType;
      return ok(record);
    }
    case 'open':
      return ok({
        kind,
        t,
        protocol: typeof value.protocol === 'string' ? value.protocol : '',
        extensions: typeof value.extensions === 'string' ? value.extensions : '',
      });
    case 'close':
      return checkCloseFields(value, t, readFrameHex(value));
    case 'error':
      return ok({ kind, t, message: typeof value.message === 'string' ? value.message : 'error' });
    case 'note':
      if (typeof value.text !== 'string') return { ok: false, error: 'note without text' };
      return ok({ kind, t, text: value.text });
    default:
      return { ok: false, error: 'unknown kind of record' };
  }
}

function ok(record: UnnumberedRecord): RecordCheck {
  return { ok: true, value: record };
}
