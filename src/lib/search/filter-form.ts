import { parseGoTo } from '../frames/go-to';
import type { Result } from '../result';
import type { DirectionFilter, FilterSpec, KindFilter } from './filter';

/** The Filter bar and More filters as typed: every field a string or a choice, read when the filter runs. */
export interface FilterForm {
  text: string;
  caseSensitive: boolean;
  regex: boolean;
  direction: DirectionFilter;
  kind: KindFilter;
  minSize: string;
  maxSize: string;
  fromTime: string;
  toTime: string;
  json: string;
}

export const EMPTY_FILTER_FORM: Readonly<FilterForm> = {
  text: '',
  caseSensitive: false,
  regex: false,
  direction: 'all',
  kind: 'all',
  minSize: '',
  maxSize: '',
  fromTime: '',
  toTime: '',
  json: '',
};

/**
 * Reads the form into a filter. Sizes are bytes; times are what Go to reads (`14:03:07.250`, `+90s`, a date and
 * time) on the session's date, from `sessionStart`. The first field that cannot be read is the error.
 */
export function parseFilterForm(form: FilterForm, sessionStart: number): Result<FilterSpec> {
  const errors: string[] = [];
  const size = (text: string, what: string) => {
    if (text.trim() === '') return undefined;
    const value = Number(text);
    if (Number.isFinite(value) && value >= 0) return value;
    errors.push(`The ${what} size must be a number of bytes.`);
    return undefined;
  };
  const time = (text: string, what: string) => {
    if (text.trim() === '') return undefined;
    const parsed = parseGoTo(text, sessionStart);
    if (parsed.ok && 'time' in parsed.value) return parsed.value.time;
    errors.push(`The ${what} time is not a time: write 14:03:07.250, +90s or a date and time.`);
    return undefined;
  };
  const spec: FilterSpec = {
    text: form.text,
    caseSensitive: form.caseSensitive,
    regex: form.regex,
    direction: form.direction,
    kind: form.kind,
    minSize: size(form.minSize, 'smallest'),
    maxSize: size(form.maxSize, 'largest'),
    fromTime: time(form.fromTime, 'from'),
    toTime: time(form.toTime, 'to'),
    json: form.json,
  };
  const [error] = errors;
  return error === undefined ? { ok: true, value: spec } : { ok: false, error };
}

/** A filter that lets everything through: the grid shows every record without asking the worker. */
export function isEmptyFilter(spec: FilterSpec): boolean {
  return (
    spec.text === '' &&
    spec.direction === 'all' &&
    spec.kind === 'all' &&
    spec.minSize === undefined &&
    spec.maxSize === undefined &&
    spec.fromTime === undefined &&
    spec.toTime === undefined &&
    spec.json.trim() === ''
  );
}
