/** One token of `.proto` text, with where it starts for error messages. */
export interface Token {
  kind: 'name' | 'number' | 'string' | 'symbol';
  text: string;
  line: number;
  column: number;
}

/** Names may hold dots (`google.protobuf.Any`, `.pkg.Msg`); numbers may be signed, hex, octal or floating. */
const TOKEN =
  /([A-Za-z_][\w.]*)|(-?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\S)/y;
const SPACE_OR_COMMENT = /(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;

/** Splits `.proto` text into tokens, skipping white space and comments. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  let line = 0; // tokens come in order, so the line only moves forward
  const where = (offset: number) => {
    while ((lineStarts[line + 1] ?? Infinity) <= offset) line++;
    return { line: line + 1, column: offset - (lineStarts[line] as number) + 1 };
  };
  for (;;) {
    SPACE_OR_COMMENT.lastIndex = position;
    SPACE_OR_COMMENT.exec(text);
    position = SPACE_OR_COMMENT.lastIndex;
    if (position >= text.length) return tokens;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text) as RegExpExecArray;
    const kind = match[1] ? 'name' : match[2] ? 'number' : match[3] ? 'string' : 'symbol';
    tokens.push({ kind, text: match[0], ...where(position) });
    position = TOKEN.lastIndex;
  }
}

/** A string literal's value: the quotes taken off and the common escapes read. */
export function stringValue(literal: string): string {
  return literal.slice(1, -1).replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (escape[0] === 'x') return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return ESCAPES[escape] ?? escape;
  });
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};
