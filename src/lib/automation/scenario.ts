import type { MessageFormat } from '../compose/message';
import { MESSAGE_FORMATS, MESSAGE_FORMAT_LABELS, PROTOCOL_FORMATS } from '../compose/message';
import type { ProtocolFormat } from '../compose/message';
import { describeJsonError, parseJson } from '../encoding/json';
import { isObject, stringArray } from '../guards';
import type { Result } from '../result';
import { checkCloseRequest } from '../ws/close-request';
import { elementLines } from './step-lines';
import type { WhenCondition } from './when';
import { compileWhen } from './when';

/** A message a scenario sends: a plain format's body, or a protocol format's JSON description. */
export type ScenarioMessage =
  { format: MessageFormat; body: string } | { format: ProtocolFormat; body: string };

/** One step, read and checked; `line` is where it starts in the scenario's text (0 when built in code). */
export type ScenarioStep = { line: number } & (
  | { kind: 'send'; message: ScenarioMessage }
  | { kind: 'expect'; when: WhenCondition; withinMs: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'close'; code: number; reason: string }
);

/** The format of docs/ui-contract.md, read: what a run needs. */
export interface Scenario {
  name: string;
  url: string;
  protocols: string[];
  steps: ScenarioStep[];
}

/** How long an expect waits when its step does not say. */
export const DEFAULT_WITHIN_MS = 5000;
/** The longest wait or expect a step may ask for: a typo of a few zeros should not hang a CI job for days. */
export const MAX_STEP_MS = 10 * 60_000;

/**
 * Reads a scenario from its JSON text and checks every step before anything is sent. A refusal names the step
 * (from 1), the line it starts on, and what is wrong.
 */
export function parseScenario(text: string): Result<Scenario> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `The scenario is not JSON. ${describeJsonError(parsed.error)}` };
  const value = parsed.value;
  if (!isObject(value)) return { ok: false, error: 'A scenario is a JSON object with a url and steps.' };
  if (typeof value.url !== 'string' || !/^wss?:\/\//i.test(value.url)) {
    return { ok: false, error: 'The scenario’s url must be a ws:// or wss:// URL.' };
  }
  if (!Array.isArray(value.steps) || value.steps.length === 0) {
    return { ok: false, error: 'The scenario has no steps: give "steps" as a list.' };
  }
  const lines = elementLines(text, 'steps');
  const steps: ScenarioStep[] = [];
  for (const [index, raw] of (value.steps as unknown[]).entries()) {
    const line = lines[index] ?? 0;
    const step = checkStep(raw, line);
    if (!step.ok) return { ok: false, error: `Step ${index + 1} (line ${line}): ${step.error}` };
    steps.push(step.value);
  }
  return {
    ok: true,
    value: {
      name: typeof value.name === 'string' && value.name !== '' ? value.name : 'scenario',
      url: value.url,
      protocols: stringArray(value.protocols),
      steps,
    },
  };
}

function checkStep(raw: unknown, line: number): Result<ScenarioStep> {
  if (!isObject(raw)) return { ok: false, error: 'a step is an object such as {"send":"hello"}.' };
  if ('send' in raw) {
    const message = checkMessage(raw.send);
    return message.ok ? { ok: true, value: { line, kind: 'send', message: message.value } } : message;
  }
  if ('expect' in raw) {
    const when = checkCondition(raw.expect);
    if (!when.ok) return when;
    const within = raw.within === undefined ? DEFAULT_WITHIN_MS : raw.within;
    if (!isDuration(within))
      return { ok: false, error: `"within" must be milliseconds, 0 to ${MAX_STEP_MS}.` };
    return { ok: true, value: { line, kind: 'expect', when: when.value, withinMs: within } };
  }
  if ('wait' in raw) {
    if (!isDuration(raw.wait))
      return { ok: false, error: `"wait" must be milliseconds, 0 to ${MAX_STEP_MS}.` };
    return { ok: true, value: { line, kind: 'wait', ms: raw.wait } };
  }
  if ('close' in raw) {
    const close = isObject(raw.close) ? raw.close : {};
    const code = close.code === undefined ? 1000 : close.code;
    const reason = close.reason === undefined ? '' : close.reason;
    if (typeof code !== 'number' || typeof reason !== 'string') {
      return { ok: false, error: 'close takes {"code":1000,"reason":""}.' };
    }
    const checked = checkCloseRequest(String(code), reason);
    if (!checked.ok) return checked;
    return { ok: true, value: { line, kind: 'close', code, reason } };
  }
  return { ok: false, error: 'unknown step: use send, expect, wait or close.' };
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_STEP_MS;
}

/** `{"text":…}`, `{"regex":…}` or `{"where":"field op value"}`, compiled once here so a bad one is refused now. */
export function checkCondition(raw: unknown): Result<WhenCondition> {
  let when: WhenCondition | null = null;
  if (isObject(raw)) {
    if (typeof raw.text === 'string') when = { text: raw.text };
    else if (typeof raw.regex === 'string') {
      when = { regex: raw.regex, ...(typeof raw.flags === 'string' ? { flags: raw.flags } : {}) };
    } else if (typeof raw.where === 'string') when = { where: raw.where };
  }
  if (when === null)
    return { ok: false, error: 'expect takes {"text":"…"}, {"regex":"…"} or {"where":"field op value"}.' };
  const compiled = compileWhen(when);
  return compiled.ok ? { ok: true, value: when } : compiled;
}

/** A format by its id or its name in the composer (`json`, `JSON`, `Socket.IO`), any case. */
function formatNamed(name: string): MessageFormat | ProtocolFormat | undefined {
  const wanted = name.toLowerCase();
  const plain = MESSAGE_FORMATS.find(
    (id) => id === wanted || MESSAGE_FORMAT_LABELS[id].toLowerCase() === wanted,
  );
  if (plain !== undefined) return plain;
  return PROTOCOL_FORMATS.find((entry) => entry.id === wanted || entry.label.toLowerCase() === wanted)?.id;
}

/** `"text"`, or `{"format":"JSON","body":…}` where a JSON or protocol body may be given as JSON itself. */
export function checkMessage(raw: unknown): Result<ScenarioMessage> {
  if (typeof raw === 'string') return { ok: true, value: { format: 'text', body: raw } };
  if (!isObject(raw) || typeof raw.format !== 'string' || raw.body === undefined) {
    return { ok: false, error: 'send takes "text" or {"format":"JSON","body":…}.' };
  }
  const format = formatNamed(raw.format);
  if (format === undefined) {
    const names = [
      ...MESSAGE_FORMATS.map((id) => MESSAGE_FORMAT_LABELS[id]),
      ...PROTOCOL_FORMATS.map((e) => e.label),
    ];
    return { ok: false, error: `unknown format “${raw.format}”: use one of ${names.join(', ')}.` };
  }
  const structured = format !== 'text' && format !== 'hex' && format !== 'base64';
  if (typeof raw.body === 'string') return { ok: true, value: { format, body: raw.body } as ScenarioMessage };
  if (!structured) return { ok: false, error: `a ${raw.format} body is a string.` };
  return { ok: true, value: { format, body: JSON.stringify(raw.body) } as ScenarioMessage };
}
