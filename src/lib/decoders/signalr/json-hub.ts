import type { Result } from '../../result';
import type { HubRecord } from './hub-message';

/** The JSON hub protocol's record separator, after every message, the handshake included. */
export const RECORD_SEPARATOR = '\u001e';

/** Splits a frame into its JSON records; each must be an object and the frame must end with a separator. */
export function parseJsonRecords(text: string): Result<HubRecord[], string> {
  if (!text.endsWith(RECORD_SEPARATOR))
    return { ok: false, error: 'a JSON hub message ends with the record separator 0x1E' };
  const records: HubRecord[] = [];
  for (const part of text.slice(0, -1).split(RECORD_SEPARATOR)) {
    let value: unknown;
    try {
      value = JSON.parse(part);
    } catch {
      return { ok: false, error: `record ${records.length + 1} is not JSON` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, error: `record ${records.length + 1} is not a JSON object` };
    }
    records.push(value as HubRecord);
  }
  return { ok: true, value: records };
}

export function writeJsonRecord(record: HubRecord): string {
  return JSON.stringify(record) + RECORD_SEPARATOR;
}
