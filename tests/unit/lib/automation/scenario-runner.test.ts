import { describe, expect, it } from 'vitest';
import { junitXml } from '../../../../src/lib/automation/junit';
import type { Scenario } from '../../../../src/lib/automation/scenario';
import { parseScenario } from '../../../../src/lib/automation/scenario';
import type { ScenarioResult, StepOutcome } from '../../../../src/lib/automation/scenario-run';
import { runScenario } from '../../../../src/lib/automation/scenario-runner';
import { liveHarness } from '../../fakes/live-harness';
import { settle } from '../../fakes/manual-timers';

function scenario(steps: unknown[]): Scenario {
  const parsed = parseScenario(JSON.stringify({ name: 'unit', url: 'ws://test/', steps }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Starts a run on a harness whose socket opens (or not) as the test says. */
async function start(steps: unknown[], options: { values?: Record<string, string> } = {}) {
  const h = liveHarness();
  const outcomes: StepOutcome[] = [];
  let result: ScenarioResult | undefined;
  const run = scenario(steps);
  void runScenario(h.live, run, { ...options, timers: h.timers, onStep: (o) => outcomes.push(o) }).then(
    (r) => (result = r),
  );
  await settle();
  return { h, outcomes, run, result: () => result };
}

describe('runScenario', () => {
  it('passes: sends, meets each expect with a frame that came after the last one met, waits, closes', async () => {
    const { h, outcomes, result } = await start(
      [
        { send: 'hello {{user}} #{{$seq}}' },
        { expect: { text: 'welcome {{user}}' }, within: 1000 },
        { expect: { where: 'type = ready' }, within: 1000 },
        { wait: 200 },
        { close: { code: 1000, reason: 'done' } },
      ],
      { values: { user: 'ann' } },
    );
    h.socket().open();
    await settle();
    expect(h.sent()).toEqual(['hello ann #1']);
    h.socket().receive('{"type":"ready"}'); // arrives before the text the first expect waits for
    h.socket().receive('welcome ann');
    h.socket().receive('{"type":"ready"}');
    await h.timers.advance(200);
    expect(h.socket().closedWith).toEqual([1000, 'done']);
    h.socket().closeFromServer(1000, 'done', true);
    await settle();
    expect(result()).toMatchObject({ passed: true });
    expect(outcomes.map((o) => `${o.step} ${o.passed}`)).toEqual([
      '0 true',
      '1 true',
      '2 true',
      '3 true',
      '4 true',
      '5 true',
    ]);
    expect(outcomes[4]?.ms).toBe(200);
    const notes = h.notes();
    expect(notes).toContain('Scenario step 2 passed: expect text “welcome {{user}}” within 1000 ms');
  });

  it('fails at the step that timed out, naming what arrived instead, and runs nothing after it', async () => {
    const { h, result } = await start([
      { send: 'ping' },
      { expect: { text: 'pong' }, within: 500 },
      { send: 'never' },
    ]);
    h.socket().open();
    await settle();
    h.socket().receive('pang');
    h.socket().receive('{"type":"error"}');
    await h.timers.advance(500);
    expect(h.socket().closedWith).toEqual([1000, '']);
    h.socket().closeFromServer(1000, '', true);
    await settle();
    expect(result()).toMatchObject({
      passed: false,
      failure: {
        step: 2,
        passed: false,
        detail: 'no match within 500 ms; arrived instead: “pang”, “{"type":"error"}”',
      },
    });
    expect(h.sent()).toEqual(['ping']);
    expect(h.notes().at(-1)).toMatch(/^Scenario step 2 failed: expect text “pong” within 500 ms — no match/);
  });

  it('fails an expect at once when the connection closes, and a connect that never opens as step 0', async () => {
    const closing = await start([{ expect: { text: 'x' }, within: 60_000 }]);
    closing.h.socket().open();
    await settle();
    closing.h.socket().closeFromServer(4001, 'kicked', true);
    await settle();
    expect(closing.result()?.failure).toMatchObject({
      step: 1,
      detail: 'the connection closed (code 4001, “kicked”); nothing arrived',
    });
    const refused = await start([{ send: 'x' }]);
    refused.h.socket().closeFromServer(1006, '', false);
    await settle();
    expect(refused.result()?.failure).toMatchObject({ step: 0, label: 'connect to ws://test/' });
  });

  it('writes JUnit XML: a case per step, the failure with its reason, later steps skipped, text escaped', async () => {
    const { h, run, result } = await start([{ expect: { text: '<b>' }, within: 100 }, { send: 'after' }]);
    h.socket().open();
    await settle();
    h.socket().receive('a & "b"');
    await h.timers.advance(100);
    h.socket().closeFromServer(1000, '', true);
    await settle();
    const outcome = result();
    if (outcome === undefined) throw new Error('the run did not finish');
    const xml = junitXml(outcome, run.steps);
    expect(xml).toContain('<testsuite name="unit" tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('name="0. connect to ws://test/"');
    expect(xml).toContain(
      '<failure message="no match within 100 ms; arrived instead: “a &amp; &quot;b&quot;”">',
    );
    expect(xml).toContain('name="1. expect text “&lt;b&gt;” within 100 ms"');
    expect(xml).toMatch(/name="2\. send “after”" time="0">\s*<skipped\/>/);
  });
});
