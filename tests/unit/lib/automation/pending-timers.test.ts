import { describe, expect, it } from 'vitest';
import { PendingTimers } from '../../../../src/lib/automation/pending-timers';
import { ManualTimers } from '../../fakes/manual-timers';

describe('PendingTimers', () => {
  it('runs each action at its time, and forgets it once run', async () => {
    const timers = new ManualTimers();
    const pending = new PendingTimers(timers);
    const ran: string[] = [];
    pending.later(() => ran.push('late'), 20);
    pending.later(() => ran.push('soon'), 10);
    await timers.advance(15);
    expect(ran).toEqual(['soon']);
    await timers.advance(10);
    expect(ran).toEqual(['soon', 'late']);
    expect(timers.pending).toBe(0);
  });

  it('drops every action still waiting on clear', async () => {
    const timers = new ManualTimers();
    const pending = new PendingTimers(timers);
    const ran: string[] = [];
    pending.later(() => ran.push('first'), 10);
    pending.later(() => ran.push('second'), 30);
    await timers.advance(10);
    pending.clear();
    await timers.advance(100);
    expect(ran).toEqual(['first']);
    expect(timers.pending).toBe(0);
  });
});
