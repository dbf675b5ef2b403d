import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonFieldsOf } from '../../../../src/lib/decoders/json/index';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import type { FieldCondition, FieldOperator } from '../../../../src/lib/search/field-condition';
import {
  fieldHolds,
  parseFieldCondition,
  readJsonPath,
  valueTexts,
} from '../../../../src/lib/search/field-condition';
import { fieldsReader, fieldTester } from '../../../../src/lib/search/field-reader';
import { topLevelFieldReader, UNSURE } from '../../../../src/lib/search/flat-json-field';

/** What the reader must answer: the value JSON.parse gives at the key, none for invalid JSON or a non-object. */
function parsedValue(text: string, key: string): unknown {
  const fields = jsonFieldsOf(text);
  return fields === undefined ? undefined : readJsonPath(fields, [key]);
}

/** Keys a condition names and a text writes, some that the reader refuses and some that look like its syntax. */
const KEYS = [
  ...['type', 'a', '', ' ', 'ty pe', '__proto__', 'constructor', '0', 'length', 'é'],
  ...['a"b', 'a,b', 'a:b', ',', ':'],
];
/** Number texts, valid in JSON and not, as a server might write them. */
const NUMBERS = ['0', '-0', '100', '1e2', '1E+2', '100.0', '0.5e-3', '12345678901234567890', '1e400', '-1.5'];
const NOT_NUMBERS = '01 +1 .5 1. - NaN Infinity 0x10 1e 1e+ --1 tru nul True'.split(' ');
/** String values, some that spell a key, a member or the syntax around one. */
const WORDS = ['trade', 'type', '"type":', ':', ',', '', 'a b', 'é', '\u2028', '100'];
/** Words JSON.stringify writes with a backslash. */
const ESCAPED_WORDS = ['x\ty', 'tr\\ade', '"', '\u0000'];

const space = fc.constantFrom('', '', ' ', '\n', '\t ', '\r\n');
const valueText = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS).map((word) => JSON.stringify(word)) },
  { weight: 6, arbitrary: fc.constantFrom(...NUMBERS, 'true', 'false', 'null') },
  { weight: 1, arbitrary: fc.constantFrom(...NOT_NUMBERS, '"a\u0001b"', '"open', "'x'") },
  { weight: 1, arbitrary: fc.constantFrom(...ESCAPED_WORDS).map((word) => JSON.stringify(word)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('true', 'false', 'null', '{}', '[]', '{"type":"trade"}', '["trade"]'),
  },
  { weight: 1, arbitrary: fc.double().map((n) => JSON.stringify(n)) },
);
/** Objects with `key` and others, repeated, oddly spaced, now and then cut or with a character put in or taken out. */
function jsonText(key: string): fc.Arbitrary<string> {
  const member = fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(key) }, fc.constantFrom(...KEYS)),
      space,
      space,
      valueText,
      space,
    )
    .map(([name, s1, s2, value, s3]) => `${JSON.stringify(name)}${s1}:${s2}${value}${s3}`);
  return fc
    .tuple(space, fc.array(member, { maxLength: 5 }), space, fc.nat(), STRAY)
    .chain(([lead, members, trail, seed, stray]) => {
      const text = `${lead}{${members.join(',')}}${trail}`;
      const at = seed % (text.length + 1);
      return fc.constantFrom(
        ...Array<string>(8).fill(text),
        text.slice(0, at),
        text.slice(0, at) + stray + text.slice(at),
        text.slice(0, at) + text.slice(at + 1),
        `[${text}]`,
      );
    });
}
const STRAY = fc.constantFrom(...'{}[]",: \\\t\u0000a1');
const textAndKey = fc.constantFrom(...KEYS).chain((key) => fc.tuple(jsonText(key), fc.constant(key)));

const OPERATORS: FieldOperator[] = ['=', '!=', '~', '>', '>=', '<', '<='];
const condition = fc
  .tuple(fc.constantFrom(...OPERATORS), fc.constantFrom(...WORDS, ...NUMBERS, 'true', 'null'))
  .map(([operator, raw]) => parseFieldCondition(`k ${operator} ${raw}`))
  .filter((parsed): parsed is FieldCondition => typeof parsed !== 'string');
const textsAndCondition = fc.constantFrom(...KEYS).chain((key) =>
  fc.tuple(
    fc.array(jsonText(key), { maxLength: 8 }),
    condition.map((parsed) => ({ ...parsed, path: [key] })),
  ),
);

/** Whether each text holds the condition through fieldsReader, which parses whatever may hold it. */
function readerHolds(texts: readonly string[], test: FieldCondition): boolean[] {
  const chunk = new ChunkBuilder(0);
  for (const text of texts) chunk.append({ kind: 'text', dir: 'in', t: 0, text, size: text.length });
  const fieldsOf = fieldsReader(null, test.path, valueTexts(test));
  return texts.map((_, i) => fieldsOf(chunk, i).some((fields) => fieldHolds(fields, test)));
}

/** Whether each text holds the condition through fieldTester, which compares a value read from the text. */
function testerHolds(texts: readonly string[], test: FieldCondition): boolean[] {
  const chunk = new ChunkBuilder(0);
  for (const text of texts) chunk.append({ kind: 'text', dir: 'in', t: 0, text, size: text.length });
  const holds = fieldTester(null, test);
  return texts.map((_, i) => holds(chunk, i));
}

function parsedHolds(texts: readonly string[], test: FieldCondition): boolean[] {
  return texts.map((text) => {
    const fields = jsonFieldsOf(text);
    return fields !== undefined && fieldHolds(fields, test);
  });
}

describe('topLevelFieldReader', () => {
  it('reads what JSON.parse reads, on random texts, valid and not', () => {
    let answered = 0;
    let tried = 0;
    fc.assert(
      fc.property(textAndKey, ([text, key]) => {
        tried++;
        const read = topLevelFieldReader([key]);
        const value = read === null ? UNSURE : read(text);
        if (value === UNSURE) return;
        if (value !== undefined) answered++;
        expect(value, `${key} in ${JSON.stringify(text)}`).toBe(parsedValue(text, key));
      }),
      { numRuns: 3000 },
    );
    // Most texts are short flat objects; the property must not pass by answering UNSURE or nothing to them all.
    expect(answered, `${answered} of ${tried}`).toBeGreaterThan(500);
  });

  it('agrees with parsing on every condition the filter asks, through fieldsReader and fieldTester', () => {
    fc.assert(
      fc.property(textsAndCondition, ([texts, test]) => {
        const parsed = parsedHolds(texts, test);
        expect(readerHolds(texts, test), JSON.stringify({ texts, test })).toEqual(parsed);
        expect(testerHolds(texts, test), JSON.stringify({ texts, test })).toEqual(parsed);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers hand-written texts as JSON.parse does', () => {
    const cases: [string, string][] = [
      ['{"type":"quote","type":"trade"}', 'type'], // the last of a repeated key stands
      ['{"type":"trade","type":{}}', 'type'], // ... even when it is not flat: parsed
      ['{"a":"type","type":1}', 'type'], // a value that spells the key
      ['{"type" : 1 , "x":"type"}', 'type'],
      ['{"a":"b",":":1}', ','], // a comma between two strings, quoted by them
      ['{"a":":","b":1}', ':'],
      ['{"__proto__":"trade"}', '__proto__'],
      ['{"constructor":1}', 'toString'],
      ['{"n":-0}', 'n'],
      ['{"n":1e2}', 'n'],
      ['{"n":12345678901234567890}', 'n'],
      ['{"n":1e400}', 'n'],
      ['{"n":01}', 'n'],
      ['{"type":"trade"} x', 'type'],
      ['{"type":"trade"}}', 'type'],
      ['{"type":"trade",}', 'type'],
      ['{"type":"tr\u0001ade"}', 'type'],
      ['\ufeff{"type":"trade"}', 'type'],
      ['\u00a0{"type":"trade"}', 'type'],
      ['{"type":"trade"', 'type'],
      ['{"type":trade}', 'type'],
      ['{"type":"trade"\u2028}', 'type'],
      ['{"x":"\u2028","type":"\ud800"}', 'type'],
      [' \t\r\n{ \t"type" \n:\r"trade" }\n', 'type'],
      ['{}', 'type'],
      ['["type"]', '0'],
      ['"type"', 'type'],
      ['', 'type'],
    ];
    for (const [text, key] of cases) {
      const read = topLevelFieldReader([key]);
      const value = read === null ? UNSURE : read(text);
      if (value !== UNSURE) expect(value, text).toBe(parsedValue(text, key));
    }
    const read = topLevelFieldReader(['type']);
    expect(read?.('{"type":"quote","type":"trade"}')).toBe('trade');
    expect(read?.('{"a":"type","type":1}')).toBe(1);
    expect(read?.('{"type":"trade"} x')).toBe(UNSURE); // not flat JSON: left to JSON.parse, which refuses it
    expect(read?.('{"type":{}}')).toBe(UNSURE);
    expect(read?.('{"type":"tr\\u0061de"}')).toBe(UNSURE);
  });

  it('leaves nested paths and keys that could span strings to parsing', () => {
    expect(topLevelFieldReader(['a', 'b'])).toBeNull();
    expect(topLevelFieldReader(['a,b'])).toBeNull();
    expect(topLevelFieldReader(['a:b'])).toBeNull();
    expect(topLevelFieldReader(['a"b'])).toBeNull();
    expect(topLevelFieldReader(['a\\b'])).toBeNull();
  });

  it('gives a read __proto__ field as an own field, as JSON.parse does', () => {
    const test: FieldCondition = { path: ['__proto__'], operator: '=', value: 'x', raw: 'x' };
    expect(readerHolds(['{"__proto__":"x"}', '{"a":"__proto__"}'], test)).toEqual([true, false]);
  });
});
