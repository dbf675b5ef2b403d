import { toBase64 } from '../encoding/base64';
import { checkNativeHeader, checkNativeRecord, nativeEndCount } from '../formats/native';
import type { UnnumberedRecord } from '../model/frame';
import type { Result } from '../result';
import { MAX_STEP_MS } from './scenario';

/** A scenario as its JSON file holds it (docs/ui-contract.md): what "Make scenario from session" puts in the box. */
export interface ScenarioFile {
  name: string;
  url: string;
  protocols: string[];
  steps: Record<string, unknown>[];
}

export interface FromSessionOptions {
  name: string;
  url: string;
  protocols: readonly string[];
  /** Multiplies the pauses between sends: 0.5 replays twice as fast, 0 sends everything at once. */
  timeScale?: number;
}

/**
 * Turns a recorded session's sent messages into a scenario that sends them again with the same pauses (scaled):
 * traffic to replay against this server or another. What the app sent by itself (handshakes, keep-alive,
 * auto-replies) is left out: a replay's own engines send those. Pauses are measured from the open, so a first
 * message sent a second after connecting waits a second again.
 */
export function scenarioFromRecords(
  records: Iterable<UnnumberedRecord>,
  options: FromSessionOptions,
): ScenarioFile {
  const scale = options.timeScale ?? 1;
  const steps: Record<string, unknown>[] = [];
  let last: number | null = null;
  for (const record of records) {
    if (record.kind === 'open' && last === null) last = record.t;
    if ((record.kind !== 'text' && record.kind !== 'binary') || record.dir !== 'out' || record.auto) continue;
    const pause = last === null ? 0 : Math.min(MAX_STEP_MS, Math.round((record.t - last) * scale));
    if (pause >= 1) steps.push({ wait: pause });
    last = record.t;
    steps.push({
      send: record.kind === 'text' ? record.text : { format: 'Base64', body: toBase64(record.bytes) },
    });
  }
  steps.push({ close: { code: 1000, reason: '' } });
  return { name: options.name, url: options.url, protocols: [...options.protocols], steps };
}

/** A `.wsi.jsonl` session's text as a scenario: its URL and subprotocols, and its sent messages. */
export function scenarioFromNative(
  text: string,
  options: Partial<FromSessionOptions> = {},
): Result<ScenarioFile> {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    return { ok: false, error: 'Line 1 is not JSON: this is not a .wsi.jsonl session.' };
  }
  const checked = checkNativeHeader(header);
  if (!checked.ok) return checked;
  const records: UnnumberedRecord[] = [];
  for (const [index, line] of lines.slice(1).entries()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, error: `Line ${index + 2} is not JSON.` };
    }
    if (nativeEndCount(value) !== undefined) break;
    const record = checkNativeRecord(value);
    if (!record.ok) return { ok: false, error: `Line ${index + 2}: ${record.error}.` };
    records.push(record.value);
  }
  const { session } = checked;
  return {
    ok: true,
    value: scenarioFromRecords(records, {
      name: options.name ?? session.name ?? 'replay',
      url: options.url ?? session.url,
      protocols: options.protocols ?? session.protocols,
      ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
    }),
  };
}
