import { describe, expect, it } from 'vitest';
import { compileReplies, replyCounts } from '../../../../src/lib/automation/reply-rules';
import type { AutoRule } from '../../../../src/lib/automation/rules';

const message = (body: string) => ({ body, format: 'text' as const });
const rules: AutoRule[] = [
  { kind: 'open', reply: message('hello') },
  { kind: 'reply', when: { text: 'ping' }, reply: message('pong') },
  { kind: 'reply', when: { regex: 'id (\\d+)' }, reply: message('ack') },
];

describe('compileReplies', () => {
  it('compiles the reply rules only, each with its index in the whole list and nothing counted', () => {
    const compiled = compileReplies(rules);
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.value.map(({ index, times, stopped }) => ({ index, times, stopped }))).toEqual([
      { index: 1, times: 0, stopped: false },
      { index: 2, times: 0, stopped: false },
    ]);
    expect(compiled.value[0]?.matcher.match({ text: 'a ping', fields: () => [] })).not.toBeNull();
  });

  it('refuses the whole list, naming the first rule that cannot be used', () => {
    const bad: AutoRule[] = [...rules, { kind: 'reply', when: { regex: '(' }, reply: message('x') }];
    const compiled = compileReplies(bad);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error).toMatch(/^Rule 4: /);
  });
});

describe('replyCounts', () => {
  it('counts every rule of the list, the ones that are not replies at zero', () => {
    const compiled = compileReplies(rules);
    if (!compiled.ok) throw new Error(compiled.error);
    const [ping] = compiled.value;
    if (ping) Object.assign(ping, { times: 3, stopped: true });
    expect(replyCounts(rules, compiled.value)).toEqual([
      { times: 0, stopped: false },
      { times: 3, stopped: true },
      { times: 0, stopped: false },
    ]);
  });
});
