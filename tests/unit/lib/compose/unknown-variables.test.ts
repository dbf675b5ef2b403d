import { describe, expect, it } from 'vitest';
import { unknownVariablesIn } from '../../../../src/lib/compose/unknown-variables';
import { expandVariables } from '../../../../src/lib/compose/variables';

describe('unknownVariablesIn', () => {
  const context = { values: { known: 'k' }, seq: 1, now: () => 0, uuid: () => 'u' };
  const errorOf = (template: string) => {
    const result = expandVariables(template, context);
    return result.ok ? '' : result.error;
  };

  it('reads back the names an unknown-variable error gives, wherever the error sits, $ names left out', () => {
    const error = errorOf('ws://{{host}}/{{known}}?t={{ token }}&x={{$nope}}');
    expect(unknownVariablesIn(error)).toEqual(['host', 'token']);
    expect(unknownVariablesIn(`Not resolved: ${error}`)).toEqual(['host', 'token']);
  });

  it('finds none in other messages, nor among the built-ins the error lists', () => {
    expect(unknownVariablesIn('The URL needs a scheme')).toEqual([]);
    expect(unknownVariablesIn(errorOf('{{$nope}}'))).toEqual([]);
  });
});
