import type { Result } from '../result';

/** What `{{…}}` can stand for when a message is sent. */
export interface VariableContext {
  /** Named values, e.g. a profile's variables. */
  values: Readonly<Record<string, string>>;
  /** The number this message will have among the messages sent on the connection, from 1. */
  seq: number;
  now: () => number;
  uuid: () => string;
}

/** A Map, so that no name a template holds can reach an inherited property ({{constructor}}, {{__proto__}}). */
const BUILT_INS = new Map<string, (context: VariableContext) => string>([
  ['$timestamp', (context) => String(Math.floor(context.now()))],
  ['$isoTime', (context) => new Date(context.now()).toISOString()],
  ['$uuid', (context) => context.uuid()],
  ['$seq', (context) => String(context.seq)],
]);

export const BUILT_IN_VARIABLES = [...BUILT_INS.keys()];

/** What a person may name a variable: a letter or _, then letters, digits, _, . or -. The one grammar of names. */
const NAME = String.raw`[A-Za-z_][\w.-]*`;

export const VARIABLE_NAME = new RegExp(`^${NAME}$`);

/** `{{name}}` or `{{ $builtIn }}`; anything else between braces is left as it is. */
export const VARIABLE = new RegExp(String.raw`\{\{\s*(\$?${NAME})\s*\}\}`, 'g');

/** The parts of the unknown-variable error that unknown-variables.ts reads back. */
export const UNKNOWN_VARIABLE = 'Unknown variable ';
export const BUILT_INS_NAMED = '. Built-in ones: ';

/**
 * Replaces every variable with its value. An unknown one is an error that names it, never an empty string: a
 * message with a hole in it would go out looking right.
 */
export function expandVariables(template: string, context: VariableContext): Result<string> {
  const unknown = new Set<string>();
  const expanded = template.replace(VARIABLE, (whole, name: string) => {
    const builtIn = BUILT_INS.get(name);
    if (builtIn) return builtIn(context);
    // Own names only: `values` may be a plain object, whose prototype answers to "valueOf" or "__proto__".
    if (Object.hasOwn(context.values, name)) {
      const value = context.values[name];
      if (typeof value === 'string') return value;
    }
    unknown.add(name);
    return whole;
  });
  if (unknown.size > 0) {
    const names = [...unknown].map((name) => `{{${name}}}`).join(', ');
    return {
      ok: false,
      error: `${UNKNOWN_VARIABLE}${names}${BUILT_INS_NAMED}${BUILT_IN_VARIABLES.map((n) => `{{${n}}}`).join(', ')}.`,
    };
  }
  return { ok: true, value: expanded };
}

/**
 * The names a template refers to, each once, built-ins left out: what a session records as the secrets it filled
 * in, so an export can redact them after the profile that held them changed.
 */
export function variablesUsedIn(template: string): string[] {
  const names = new Set<string>();
  for (const [, name] of template.matchAll(VARIABLE)) {
    if (name !== undefined && !BUILT_INS.has(name)) names.add(name);
  }
  return [...names];
}

/** VARIABLE without the global flag: test() then keeps no position between calls. */
const REFERENCE = new RegExp(VARIABLE.source);

/** Whether a text holds a `{{name}}` or `{{$builtIn}}` reference: a redactor keeps those, they carry no value. */
export function holdsVariableReference(text: string): boolean {
  return REFERENCE.test(text);
}

/** A random UUID, also where crypto.randomUUID is missing (pages served over plain http from another host). */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
