import { defaultMessageName } from './profile';

/**
 * A field whose string value says what a message does, as protocols tend to name it: the first one in the body wins
 * (a top-level key comes before the nested ones). Read from the text, not parsed: a body with `{{$seq}}` in place of
 * a number is not JSON until it is sent.
 */
const NAMING_FIELD = /"(?:type|op|event|action|method|command|cmd|channel|topic)"\s*:\s*"([^"\\]{1,80})"/;

const LONGEST = 40;

/**
 * The name offered for a message about to be saved: its `type`, `op`, `event`… value when it has one ("subscribe"),
 * its first line otherwise, then made unique among the profile's names ("subscribe 2"), so a list never holds two
 * entries a person cannot tell apart.
 */
export function suggestMessageName(body: string, taken: readonly string[]): string {
  const field = NAMING_FIELD.exec(body)?.[1]?.trim();
  const base = field ? shorten(field) : defaultMessageName(body);
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!names.has(candidate)) return candidate;
  }
}

function shorten(name: string): string {
  return name.length > LONGEST ? `${name.slice(0, LONGEST - 1)}…` : name;
}
