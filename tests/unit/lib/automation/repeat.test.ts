import { describe, expect, it } from 'vitest';
import { parseRepeatForm, RepeatSchedule } from '../../../../src/lib/automation/repeat';
import { liveHarness } from '../../fakes/live-harness';

describe('RepeatSchedule', () => {
  it('sends M times at start + k × N, counting {{$seq}} up, then stops by itself', async () => {
    const h = liveHarness();
    h.open();
    const repeat = new RepeatSchedule(h.live, h.timers);
    const stops: string[] = [];
    repeat.on('stopped', ({ reason }) => stops.push(reason));
    expect(
      repeat.start({ message: { body: 'tick {{$seq}}', format: 'text' }, everyMs: 50, count: 4 }).ok,
    ).toBe(true);
    await h.timers.advance(1000);
    expect(h.sent()).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4']);
    const times = h.records.filter((r) => r.kind === 'text').map((r) => r.t);
    expect(times).toEqual([0, 50, 100, 150]);
    expect(stops).toEqual(['all 4 sent']);
    expect(repeat.running).toBe(false);
  });

  it('never drifts: a late timer does not push the later sends back, and a missed slot is skipped, not burst', async () => {
    const h = liveHarness();
    h.open();
    const repeat = new RepeatSchedule(h.live, h.timers);
    repeat.start({ message: { body: 'x', format: 'text' }, everyMs: 100 });
    await h.timers.advance(100); // slot 1 at 100
    h.timers.lateBy(30); // slot 2 fires at 230
    await h.timers.advance(130);
    await h.timers.advance(70); // slot 3 still at 300, not at 330
    h.timers.lateBy(250); // slot 4 fires at 650: slots 5 and 6 have passed
    await h.timers.advance(350);
    await h.timers.advance(50);
    const times = h.records.filter((r) => r.kind === 'text').map((r) => r.t);
    expect(times).toEqual([0, 100, 230, 300, 650, 700]);
    repeat.stop();
  });

  it('stops when the connection closes, and when a send fails', async () => {
    const h = liveHarness();
    h.open();
    const repeat = new RepeatSchedule(h.live, h.timers);
    const stops: string[] = [];
    repeat.on('stopped', ({ reason }) => stops.push(reason));
    repeat.start({ message: { body: 'x', format: 'text' }, everyMs: 10 });
    await h.timers.advance(25);
    h.socket().closeFromServer(1001, 'going', true);
    await h.timers.advance(100);
    expect(h.sent()).toHaveLength(3);
    expect(stops).toEqual(['the connection closed']);
    expect(h.timers.pending).toBe(0);
    h.open();
    expect(repeat.start({ message: { body: '{{missing}}', format: 'text' }, everyMs: 10 }).ok).toBe(false);
    expect(repeat.running).toBe(false);
  });

  it('reads the Repeat boxes: a period of at least 1 ms, an empty count for until stopped', () => {
    expect(parseRepeatForm('50', '20')).toEqual({ ok: true, value: { everyMs: 50, count: 20 } });
    expect(parseRepeatForm('50', '')).toEqual({ ok: true, value: { everyMs: 50 } });
    expect(parseRepeatForm('', '3').ok).toBe(false);
    expect(parseRepeatForm('0', '3').ok).toBe(false);
    expect(parseRepeatForm('10', '2.5').ok).toBe(false);
    expect(parseRepeatForm('10', '0').ok).toBe(false);
  });
});
