import type { ScenarioStep } from './scenario';
import type { ScenarioResult } from './scenario-run';
import { stepLabel } from './step-label';

/** Text as XML character data or an attribute value: the five specials escaped, characters XML forbids dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * A run as JUnit XML, which CI systems read: one test suite per scenario, one test case per step (connecting is
 * step 0). The failing step carries a <failure> with what went wrong; steps after it are <skipped>.
 */
export function junitXml(result: ScenarioResult, steps: readonly ScenarioStep[]): string {
  const totalSteps = steps.length;
  const cases: string[] = [];
  for (const outcome of result.outcomes) {
    const name = xml(`${outcome.step}. ${outcome.label}`);
    const open = `    <testcase classname="${xml(result.name)}" name="${name}" time="${seconds(outcome.ms)}"`;
    if (outcome.passed) cases.push(`${open}/>`);
    else {
      const detail = xml(outcome.detail ?? 'failed');
      cases.push(`${open}>\n      <failure message="${detail}">${detail}</failure>\n    </testcase>`);
    }
  }
  const run = result.outcomes.length;
  for (let step = Math.max(run, 1); step <= totalSteps; step++) {
    cases.push(
      `    <testcase classname="${xml(result.name)}" name="${xml(`${step}. ${stepLabel(steps[step - 1] as ScenarioStep)}`)}" time="0">\n      <skipped/>\n    </testcase>`,
    );
  }
  const failures = result.passed ? 0 : 1;
  const skipped = totalSteps + 1 - run;
  const suite = `name="${xml(result.name)}" tests="${totalSteps + 1}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(result.ms)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${suite}>`,
    `  <testsuite ${suite}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
