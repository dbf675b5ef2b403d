import { isProtocolFormat } from '../compose/message';
import { describeJsonError, parseJson } from '../encoding/json';
import { isObject } from '../guards';
import type { Result } from '../result';
import type { AutoRule } from './rules';
import { checkCondition, checkMessage } from './scenario';
import { elementLines } from './step-lines';
import { parseWhen } from './when';

/** The longest delay a reply may wait. */
export const MAX_DELAY_MS = 10 * 60_000;

/**
 * Checks rules read from JSON (a profile file, a pasted list) before any is used: a refusal names the rule (from
 * 1), its line when the text is known, and the reason. `when` may be an object ({"text"}, {"regex"}, {"where"}) or
 * the When box's single string.
 */
export function checkRules(raw: unknown, lines: readonly number[] = []): Result<AutoRule[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'Rules are a JSON list.' };
  const rules: AutoRule[] = [];
  for (const [index, item] of (raw as unknown[]).entries()) {
    const rule = checkRule(item);
    const where = lines[index] === undefined ? '' : ` (line ${lines[index]})`;
    if (!rule.ok) return { ok: false, error: `Rule ${index + 1}${where}: ${rule.error}` };
    rules.push(rule.value);
  }
  return { ok: true, value: rules };
}

/** Rules from their JSON text: checkRules with line numbers. */
export function parseRules(text: string): Result<AutoRule[]> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `The rules are not JSON. ${describeJsonError(parsed.error)}` };
  return checkRules(parsed.value, elementLines(text, null));
}

export function checkRule(raw: unknown): Result<AutoRule> {
  if (!isObject(raw)) return { ok: false, error: 'a rule is an object with a kind and a reply.' };
  const reply = checkMessage(raw.reply);
  if (!reply.ok)
    return { ok: false, error: `its reply: ${reply.error.replace(/^send takes/, 'a reply is')}` };
  if (isProtocolFormat(reply.value.format)) {
    return {
      ok: false,
      error: 'a reply is Text, JSON, Hex or Base64 (protocol formats are for the composer).',
    };
  }
  const message = reply.value as { format: 'text' | 'json' | 'hex' | 'base64'; body: string };
  if (raw.kind === 'open') return { ok: true, value: { kind: 'open', reply: message } };
  if (raw.kind !== 'reply') return { ok: false, error: 'kind is "open" (send on open) or "reply".' };
  const when = typeof raw.when === 'string' ? parseWhen(raw.when) : { ok: true as const, value: raw.when };
  const condition = when.ok ? checkCondition(when.value) : when;
  if (!condition.ok) return { ok: false, error: `its When: ${condition.error}` };
  if (raw.delayMs !== undefined && !isWithin(raw.delayMs, 0, MAX_DELAY_MS)) {
    return { ok: false, error: `delayMs is milliseconds, 0 to ${MAX_DELAY_MS}.` };
  }
  if (raw.maxTimes !== undefined && !(Number.isSafeInteger(raw.maxTimes) && (raw.maxTimes as number) >= 1)) {
    return { ok: false, error: 'maxTimes is a whole number from 1 (leave it out for no limit).' };
  }
  return {
    ok: true,
    value: {
      kind: 'reply',
      when: condition.value,
      reply: message,
      ...(raw.delayMs === undefined ? {} : { delayMs: raw.delayMs as number }),
      ...(raw.maxTimes === undefined ? {} : { maxTimes: raw.maxTimes as number }),
    },
  };
}

function isWithin(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
