import type { FieldCondition } from '../search/field-condition';
import { fieldHolds, parseFieldCondition, readJsonPath } from '../search/field-condition';
import type { Result } from '../result';

/**
 * A condition on a received frame, as a rule's `When` or a scenario's `expect` holds it: text it contains, a
 * regular expression, or a field of its decoded message (`type = ping`, as in More filters).
 */
export type WhenCondition = { text: string } | { regex: string; flags?: string } | { where: string };

/** A condition made ready to test frames with. */
export interface Matcher {
  /** As a person reads it back: `text “ping”`, `/ping (\d+)/`, `type = ping`. */
  label: string;
  /** The values `{{$match…}}` reads when the frame matches, else null. */
  match(frame: FrameToMatch): MatchValues | null;
}

/** A received frame: its text (for a text frame) and the fields of its decoded messages. */
export interface FrameToMatch {
  text?: string;
  /** Read only when a field condition asks: decoding costs more than a substring test. */
  fields(): readonly unknown[];
}

/** Reads what `{{$match…}}` names: '' the whole text; `1` or `name` a regex group; `path.to.field` a field. */
export type MatchValues = (path: string) => string | undefined;

/** Reads the single `When` box: `/regex/flags`, a field condition (`path op value`), or else text to look for. */
export function parseWhen(input: string): Result<WhenCondition> {
  const text = input.trim();
  if (text === '')
    return { ok: false, error: 'When is empty: write text to look for, /a regex/ or type = ping.' };
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (regex) return { ok: true, value: { regex: regex[1] ?? '', flags: regex[2] ?? '' } };
  if (typeof parseFieldCondition(text) !== 'string') return { ok: true, value: { where: text } };
  return { ok: true, value: { text: input } };
}

/** Compiles a condition, or says why it cannot be used. */
export function compileWhen(condition: WhenCondition): Result<Matcher> {
  if ('where' in condition) {
    const parsed = parseFieldCondition(condition.where);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    return { ok: true, value: { label: condition.where, match: (frame) => matchField(frame, parsed) } };
  }
  if ('regex' in condition) {
    const flags = (condition.flags ?? '').replace(/[gy]/g, '');
    let pattern: RegExp;
    try {
      pattern = new RegExp(condition.regex, flags);
    } catch (error) {
      return { ok: false, error: `/${condition.regex}/ is not a regular expression: ${String(error)}` };
    }
    return {
      ok: true,
      value: { label: `/${condition.regex}/${flags}`, match: (frame) => matchRegex(frame, pattern) },
    };
  }
  if (condition.text === '') return { ok: false, error: 'The text to look for is empty.' };
  const wanted = condition.text;
  return {
    ok: true,
    value: {
      label: `text “${wanted}”`,
      match: (frame) => {
        const text = frame.text;
        return text?.includes(wanted) ? (path) => (path === '' ? text : undefined) : null;
      },
    },
  };
}

function matchRegex(frame: FrameToMatch, pattern: RegExp): MatchValues | null {
  const text = frame.text;
  if (text === undefined) return null;
  const found = pattern.exec(text);
  if (found === null) return null;
  return (path) => {
    if (path === '') return text;
    return /^\d+$/.test(path) ? found[Number(path)] : found.groups?.[path];
  };
}

function matchField(frame: FrameToMatch, condition: FieldCondition): MatchValues | null {
  const fields = frame.fields().find((candidate) => fieldHolds(candidate, condition));
  if (fields === undefined) return null;
  return (path) => {
    if (path === '') return frame.text ?? asText(fields);
    const value = readJsonPath(fields, path.split('.'));
    return value === undefined ? undefined : asText(value);
  };
}

/** `{{$match}}` and `{{$match.path}}` in a template. */
const MATCH_REFERENCE = /\{\{\s*(\$match(?:\.[\w.-]+)?)\s*\}\}/g;

/**
 * The `$match…` values a template uses, read from a match: only those, so a rule on a large message costs what its
 * template reads. A name the match lacks is left out, and filling in the template then names it as unknown.
 */
export function matchValuesFor(template: string, match: MatchValues): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [, name = ''] of template.matchAll(MATCH_REFERENCE)) {
    const value = match(name === '$match' ? '' : name.slice('$match.'.length));
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** A field as a template inserts it: strings as they are, anything else as JSON (numbers, objects). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? String(value);
}
