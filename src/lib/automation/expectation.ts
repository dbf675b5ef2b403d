import { expandVariables, randomUuid } from '../compose/variables';
import type { MessageRecord } from '../model/frame';
import { toBase64 } from '../encoding/base64';
import type { ConnectionWatch } from './connection-watch';
import type { FieldsDecoder } from './frame-match';
import { frameToMatch } from './frame-match';
import type { ScenarioStep } from './scenario';
import { clip } from './step-label';
import type { AutomationTimers } from './target';
import type { WhenCondition } from './when';
import { compileWhen } from './when';

export interface ExpectContext {
  /** Every frame received since connecting, in order. */
  inbox: readonly MessageRecord[];
  /** Frames before `next` were passed over by an earlier expect. */
  cursor: { next: number };
  watch: ConnectionWatch;
  timers: AutomationTimers;
  values: Readonly<Record<string, string>>;
  decode: FieldsDecoder;
}

/** How many of the frames that arrived instead a failure names. */
const SHOWN_FRAMES = 3;

/**
 * Waits for a received frame that meets the step's condition; null when one came in time, else what went wrong
 * and what arrived instead. `{{name}}` in the condition is filled in first (`{"text":"{{user}} joined"}`).
 */
export async function expectation(
  step: Extract<ScenarioStep, { kind: 'expect' }>,
  context: ExpectContext,
): Promise<string | null> {
  const when = fillIn(step.when, context.values);
  if (typeof when === 'string') return when;
  const matcher = compileWhen(when);
  if (!matcher.ok) return matcher.error;
  const { inbox, cursor } = context;
  let scanned = cursor.next;
  let matched = false;
  const settled = () => {
    for (; !matched && scanned < inbox.length; scanned++) {
      const record = inbox[scanned] as MessageRecord;
      if (matcher.value.match(frameToMatch(record, context.decode)) !== null) {
        matched = true;
        cursor.next = scanned + 1;
      }
    }
    return matched || context.watch.closedReason !== null;
  };
  await context.watch.until(settled, context.timers, step.withinMs);
  if (matched) return null;
  const arrived = inbox.slice(cursor.next);
  const shown = arrived.slice(0, SHOWN_FRAMES).map(describe).join(', ');
  const more = arrived.length > SHOWN_FRAMES ? ` and ${arrived.length - SHOWN_FRAMES} more` : '';
  const instead = arrived.length === 0 ? 'nothing arrived' : `arrived instead: ${shown}${more}`;
  const why = context.watch.closedReason ?? `no match within ${step.withinMs} ms`;
  return `${why}; ${instead}`;
}

function describe(record: MessageRecord): string {
  return record.kind === 'text'
    ? `“${clip(record.text)}”`
    : `${record.size} bytes ${clip(toBase64(record.bytes.subarray(0, 60)))} (base64)`;
}

/** The condition with `{{name}}` filled in, or why it cannot be. */
function fillIn(when: WhenCondition, values: Readonly<Record<string, string>>): WhenCondition | string {
  let failure: string | null = null;
  const expand = (text: string): string | null => {
    const expanded = expandVariables(text, { values, seq: 0, now: Date.now, uuid: randomUuid });
    if (!expanded.ok) failure = expanded.error;
    return expanded.ok ? expanded.value : null;
  };
  let filled: WhenCondition;
  if ('where' in when) filled = { where: expand(when.where) ?? '' };
  else if ('regex' in when) filled = { ...when, regex: expand(when.regex) ?? '' };
  else filled = { text: expand(when.text) ?? '' };
  return failure ?? filled;
}
