import { describe, expect, it } from 'vitest';
import {
  expandVariables,
  holdsVariableReference,
  randomUuid,
  variablesUsedIn,
} from '../../../../src/lib/compose/variables';

describe('expandVariables', () => {
  const context = {
    values: { token: 's3cret', 'user.id': '42' },
    seq: 7,
    now: () => Date.UTC(2026, 10, 22, 1, 2, 3, 456),
    uuid: () => 'a-uuid',
  };

  it('expands built-ins and named values, with or without spaces inside the braces', () => {
    expect(
      expandVariables(
        '{"t":{{$timestamp}},"at":"{{ $isoTime }}","id":"{{$uuid}}","n":{{$seq}},"u":{{user.id}}}',
        context,
      ),
    ).toEqual({
      ok: true,
      value: '{"t":1795309323456,"at":"2026-11-22T01:02:03.456Z","id":"a-uuid","n":7,"u":42}',
    });
    expect(expandVariables('Bearer {{token}}', context)).toEqual({ ok: true, value: 'Bearer s3cret' });
  });

  it('refuses unknown variables by name instead of sending a hole', () => {
    expect(expandVariables('{{nope}} and {{$nope}} and {{nope}}', context)).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Unknown variable \{\{nope\}\}, \{\{\$nope\}\}\. Built-in ones: \{\{\$timestamp\}\}/,
      ),
    });
  });

  it('leaves braces that are not variables alone', () => {
    expect(expandVariables('{{}} {{ a b }} {x} {{1x}}', context)).toEqual({
      ok: true,
      value: '{{}} {{ a b }} {x} {{1x}}',
    });
  });

  it('makes version 4 UUIDs', () => {
    expect(randomUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('never resolves a name every object inherits: those are unknown variables', () => {
    for (const name of ['__proto__', 'constructor', 'valueOf', 'hasOwnProperty', 'toString']) {
      expect(expandVariables(`a {{${name}}} b`, context)).toEqual({
        ok: false,
        error: expect.stringContaining(`Unknown variable {{${name}}}`),
      });
    }
  });

  it('still resolves such a name when a profile really defines it', () => {
    // As a profile's values are built: a map without a prototype, filled name by name.
    const values: Record<string, string> = Object.create(null);
    for (const [name, value] of [
      ['constructor', 'built'],
      ['__proto__', 'proto'],
    ] as const)
      values[name] = value;
    expect(expandVariables('{{constructor}}/{{__proto__}}', { ...context, values })).toEqual({
      ok: true,
      value: 'built/proto',
    });
  });
});

describe('variable references', () => {
  it('lists the names a template uses, each once, without built-ins', () => {
    expect(variablesUsedIn('{{token}}:{{ $seq }}:{{token}}:{{user.id}}:{{1x}}')).toEqual([
      'token',
      'user.id',
    ]);
  });

  it('tell whether a text refers to a variable', () => {
    expect(holdsVariableReference('Bearer {{token}}')).toBe(true);
    expect(holdsVariableReference('{{ $uuid }}')).toBe(true);
    expect(holdsVariableReference('{{}} {x} {{1x}}')).toBe(false);
  });
});
