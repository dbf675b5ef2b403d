import { describe, expect, it } from 'vitest';
import { DeferredRun } from '../../../src/lib/deferred-run';

/** A defer that queues runs until the test lets them go. */
function queue() {
  const waiting: (() => void)[] = [];
  return {
    defer: (run: () => void) => waiting.push(run),
    waiting,
    flush: () => waiting.splice(0).forEach((run) => run()),
  };
}

describe('DeferredRun', () => {
  it('runs the task once at the next turn, however often it was asked for', () => {
    const turns = queue();
    let runs = 0;
    const run = new DeferredRun(() => runs++, turns.defer);
    run.schedule();
    run.schedule();
    expect(runs).toBe(0);
    expect(turns.waiting).toHaveLength(1);
    turns.flush();
    expect(runs).toBe(1);
  });

  it('can be asked again once it has run, including by the task itself', () => {
    const turns = queue();
    let runs = 0;
    const run = new DeferredRun(() => {
      if (++runs < 3) run.schedule();
    }, turns.defer);
    run.schedule();
    turns.flush();
    turns.flush();
    turns.flush();
    expect(runs).toBe(3);
    expect(turns.waiting).toHaveLength(0);
  });

  it('never runs after dispose, even a run already waiting', () => {
    const turns = queue();
    let runs = 0;
    const run = new DeferredRun(() => runs++, turns.defer);
    run.schedule();
    run.dispose();
    turns.flush();
    run.schedule();
    expect(turns.waiting).toHaveLength(0);
    expect(runs).toBe(0);
  });

  it('defers to a timer by default', async () => {
    let runs = 0;
    new DeferredRun(() => runs++).schedule();
    expect(runs).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(1);
  });
});
