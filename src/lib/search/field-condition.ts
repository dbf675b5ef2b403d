/**
 * Field conditions (`type = trade`, `price > 100`, `user.name ~ ann`) over a decoded message's fields: what the
 * More filters "JSON field" box, the timeline's pairing and automation rules all read, one way.
 */

export type FieldOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

export interface FieldCondition {
  path: string[];
  operator: FieldOperator;
  value: string | number | boolean | null;
  /** The value as typed: compared as text with integers too long for a double (`id = 12345678901234567890`). */
  raw: string;
}

const CONDITION = /^\s*([^\s=!<>~]+)\s*(==|!=|>=|<=|=|>|<|~)\s*(.*?)\s*$/;

/** Parses `path op value`; the path is dot-separated (`data.items.0.price`). */
export function parseFieldCondition(text: string): FieldCondition | string {
  const match = CONDITION.exec(text);
  if (!match) return `“${text}” is not a field condition: write it like type = trade or price > 100.`;
  const [, path = '', rawOperator = '=', raw = ''] = match;
  const operator = (rawOperator === '==' ? '=' : rawOperator) as FieldOperator;
  let value: FieldCondition['value'] = raw;
  if (/^".*"$/.test(raw)) value = raw.slice(1, -1);
  else if (raw === 'true' || raw === 'false') value = raw === 'true';
  else if (raw === 'null') value = null;
  else if (raw !== '' && Number.isFinite(Number(raw))) value = Number(raw);
  if (
    (operator === '>' || operator === '<' || operator === '>=' || operator === '<=') &&
    typeof value !== 'number'
  ) {
    return `Expected a number after “${operator}”, got “${raw}”.`;
  }
  return { path: path.split('.'), operator, value, raw };
}

/** The value at a dot path's keys inside parsed JSON (array indexes are keys too); undefined when absent. */
export function readJsonPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Whether the value a condition's path leads to satisfies it; an absent field never does. */
export function fieldHolds(fields: unknown, condition: FieldCondition): boolean {
  return valueHolds(readJsonPath(fields, condition.path), condition);
}

/** Whether a value, the one at the condition's path, satisfies it; undefined (absent) never does. */
export function valueHolds(value: unknown, condition: FieldCondition): boolean {
  if (value === undefined) return false;
  const expected = condition.value;
  switch (condition.operator) {
    case '=':
      return equals(value, condition);
    case '!=':
      return !equals(value, condition);
    case '~':
      return typeof value === 'string' && value.includes(String(expected));
    case '>':
      return isNumeric(value) && Number(value) > (expected as number);
    case '>=':
      return isNumeric(value) && Number(value) >= (expected as number);
    case '<':
      return isNumeric(value) && Number(value) < (expected as number);
    case '<=':
      return isNumeric(value) && Number(value) <= (expected as number);
  }
}

function equals(value: unknown, condition: FieldCondition): boolean {
  if (value === condition.value) return true;
  if (typeof value === 'object') return false;
  const text = String(value);
  return text === String(condition.value) || (typeof value === 'bigint' && text === condition.raw);
}

/** Integers beyond double precision are BigInts (see tryParseExactJson). */
function isNumeric(value: unknown): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

/**
 * The key a text must contain, quoted, to hold a JSON field at this path: a cheap test before parsing. An array
 * index (`items.0`) and an array's `length` (`items.length > 3`) are not written in the text, so they ask for
 * nothing.
 */
export function quotedLastKey(path: readonly string[]): string {
  const last = path.at(-1) ?? '';
  return last === 'length' || /^\d+$/.test(last) ? '' : `"${last}"`;
}

/**
 * What the value at a condition's path must contain when the condition holds: for `=` with a word or `~`, the
 * value, and then the field holds a string, true, false or null whose String() contains it, never a number (a word
 * is not one, and `NaN` is kept out since String(NaN) is `NaN`). Empty when any value may hold it, as with a
 * number or `!=`. A decoder may skip frames that cannot hold these texts (see DecoderSession.fieldReader).
 */
export function valueTexts(condition: FieldCondition): string[] {
  const expected = condition.value;
  if (condition.operator === '~' && String(expected) !== '') return [String(expected)];
  const isWord = typeof expected === 'string' && Number.isNaN(Number(expected)) && expected !== 'NaN';
  return condition.operator === '=' && isWord ? [expected] : [];
}
