import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../src/lib/automation/scenario';
import { parseRules } from '../../../../src/lib/automation/rules-check';
import { parseWhen } from '../../../../src/lib/automation/when';

const SCENARIO = `{
  "name": "echo",
  "url": "ws://127.0.0.1:1/",
  "protocols": ["chat"],
  "steps": [
    {"send": "hello"},
    {"send": {"format": "JSON", "body": {"op": "sub", "n": 1}}},
    {"expect": {"text": "hello"}, "within": 1000},
    {"expect": {"where": "op = sub"}},
    {"wait": 100},
    {"close": {"code": 1000, "reason": "done"}}
  ]
}`;

describe('parseScenario', () => {
  it('reads the ui-contract format, each step with the line it starts on', () => {
    const parsed = parseScenario(SCENARIO);
    expect(parsed).toMatchObject({ ok: true, value: { name: 'echo', protocols: ['chat'] } });
    if (!parsed.ok) return;
    expect(parsed.value.steps).toEqual([
      { line: 6, kind: 'send', message: { format: 'text', body: 'hello' } },
      { line: 7, kind: 'send', message: { format: 'json', body: '{"op":"sub","n":1}' } },
      { line: 8, kind: 'expect', when: { text: 'hello' }, withinMs: 1000 },
      { line: 9, kind: 'expect', when: { where: 'op = sub' }, withinMs: 5000 },
      { line: 10, kind: 'wait', ms: 100 },
      { line: 11, kind: 'close', code: 1000, reason: 'done' },
    ]);
  });

  it.each([
    [
      '{"url":"ws://h/","steps":[{"send":"a"},\n{"expect":{"where":"price > cheap"}}]}',
      /^Step 2 \(line 2\): Expected a number after “>”/,
    ],
    ['{"url":"ws://h/","steps":[{"wait":-1}]}', /^Step 1 \(line 1\): "wait" must be milliseconds/],
    ['{"url":"ws://h/","steps":[{"send":{"format":"YAML","body":"a"}}]}', /unknown format “YAML”/],
    ['{"url":"ws://h/","steps":[{"close":{"code":1006}}]}', /1006 is reserved/],
    ['{"url":"ws://h/","steps":[{"jump":1}]}', /unknown step/],
    ['{"url":"ws://h/","steps":[{"expect":{"regex":"("}}]}', /not a regular expression/],
    ['{"url":"http://h/","steps":[{"send":"a"}]}', /ws:\/\/ or wss:\/\//],
    ['{"url":"ws://h/","steps":[]}', /no steps/],
    ['{"url":"ws://h/",\n"steps":[}', /^The scenario is not JSON\. Line 2/],
  ])('refuses %s with the step, line and reason', (text, reason) => {
    const parsed = parseScenario(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(reason);
  });
});

describe('rules', () => {
  it('reads the When box: /regex/, a field condition, or text', () => {
    expect(parseWhen('/id (\\d+)/i')).toEqual({ ok: true, value: { regex: 'id (\\d+)', flags: 'i' } });
    expect(parseWhen('type = ping')).toEqual({ ok: true, value: { where: 'type = ping' } });
    expect(parseWhen('hello there')).toEqual({ ok: true, value: { text: 'hello there' } });
    expect(parseWhen('  ').ok).toBe(false);
  });

  it('checks a rules list, naming the rule and its line', () => {
    const good = parseRules(
      '[{"kind":"open","reply":"hi"},{"kind":"reply","when":"type = ping","reply":{"format":"JSON","body":{"type":"pong"}},"maxTimes":3}]',
    );
    expect(good).toEqual({
      ok: true,
      value: [
        { kind: 'open', reply: { format: 'text', body: 'hi' } },
        {
          kind: 'reply',
          when: { where: 'type = ping' },
          reply: { format: 'json', body: '{"type":"pong"}' },
          maxTimes: 3,
        },
      ],
    });
    const bad = parseRules(
      '[\n {"kind":"open","reply":"hi"},\n {"kind":"reply","when":"a","reply":"b","maxTimes":0}\n]',
    );
    expect(bad).toEqual({
      ok: false,
      error: 'Rule 2 (line 3): maxTimes is a whole number from 1 (leave it out for no limit).',
    });
    expect(parseRules('[{"kind":"reply","when":"/(/","reply":"b"}]').ok).toBe(false);
    expect(parseRules('[{"kind":"reply","when":"x","reply":{"format":"Socket.IO","body":{}}}]').ok).toBe(
      false,
    );
  });
});
