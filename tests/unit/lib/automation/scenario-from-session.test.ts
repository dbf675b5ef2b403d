import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../src/lib/automation/scenario';
import {
  scenarioFromNative,
  scenarioFromRecords,
} from '../../../../src/lib/automation/scenario-from-session';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import { exportText, SAMPLE, T0 } from '../../fakes/sample-session';

describe('scenarioFromRecords', () => {
  it('keeps what the person sent with its pauses (scaled) from the open, leaves out what the app sent by itself', () => {
    const records: UnnumberedRecord[] = [
      { kind: 'note', t: 0, text: 'Connecting' },
      { kind: 'open', t: 100, protocol: '', extensions: '' },
      { kind: 'text', dir: 'out', t: 1100, text: 'hello', size: 5 },
      { kind: 'text', dir: 'in', t: 1150, text: 'hi', size: 2 },
      { kind: 'text', dir: 'out', t: 1200, text: 'pong', size: 4, auto: true },
      { kind: 'binary', dir: 'out', t: 1100 + 3000, bytes: new Uint8Array([1, 2, 255]), size: 3 },
    ];
    const file = scenarioFromRecords(records, {
      name: 'r',
      url: 'ws://other/',
      protocols: ['p'],
      timeScale: 0.5,
    });
    expect(file).toEqual({
      name: 'r',
      url: 'ws://other/',
      protocols: ['p'],
      steps: [
        { wait: 500 },
        { send: 'hello' },
        { wait: 1500 },
        { send: { format: 'Base64', body: 'AQL/' } },
        { close: { code: 1000, reason: '' } },
      ],
    });
    expect(parseScenario(JSON.stringify(file)).ok).toBe(true);
  });

  it('reads an exported .wsi.jsonl session, and refuses one that is not', async () => {
    const made = scenarioFromNative(await exportText('native'), { timeScale: 1 });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const sent = SAMPLE.filter((r) => (r.kind === 'text' || r.kind === 'binary') && r.dir === 'out');
    expect(made.value.steps.filter((step) => 'send' in step)).toHaveLength(sent.length);
    expect(made.value.url).toBe('ws://example.test/feed');
    expect(made.value.steps[0]).toEqual({ wait: Math.round(T0 + 2.125 - (T0 + 1.5)) });
    expect(scenarioFromNative('{"format":"other"}').ok).toBe(false);
    expect(scenarioFromNative('not json').ok).toBe(false);
  });
});
