/**
 * Finds where a JSON text breaks the grammar. Engines' JSON.parse messages differ and recent V8 no longer says
 * where the error is, so the composer uses this scanner to point at the exact line and column.
 */
export interface JsonSyntaxProblem {
  /** Offset into the text where the problem is. */
  offset: number;
  message: string;
}

class Problem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

/** Returns null when the text is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;

  const fail = (message: string): never => {
    throw new Problem(i, i >= text.length ? `Unexpected end of input: ${message.toLowerCase()}` : message);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expect = (ch: string, message: string) => {
    skipSpace();
    if (text[i] !== ch) fail(message);
    i++;
  };

  const string = () => {
    i++; // the opening quote
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') fail('Control characters must be escaped inside strings');
      if (ch === '\\') {
        const escape = text[i + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('\\u must be followed by four hex digits');
          i += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail('Invalid escape in string');
        i += 2;
        continue;
      }
      i++;
    }
    fail('Unterminated string');
  };

  const value = (): void => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return;
    }
    const literal = LITERALS.find((word) => text.startsWith(word, i));
    if (literal) {
      i += literal.length;
      return;
    }
    fail('Expected a value: an object, array, string, number, true, false or null');
  };

  const object = () => {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail('Expected a property name in double quotes');
      string();
      expect(':', "Expected ':' after the property name");
      value();
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      expect(',', "Expected ',' or '}' after the property value");
    }
  };

  const array = () => {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      expect(',', "Expected ',' or ']' after the array element");
    }
  };

  try {
    value();
    skipSpace();
    if (i < text.length) fail('Unexpected text after the JSON value');
    return null;
  } catch (error) {
    if (error instanceof Problem) return { offset: error.offset, message: error.message };
    if (error instanceof RangeError) return { offset: i, message: 'Nested too deeply to check' };
    throw error;
  }
}
