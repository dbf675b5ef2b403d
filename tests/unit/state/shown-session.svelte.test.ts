import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { SessionMeta } from '../../../src/lib/model/session';
import { emptyTotals } from '../../../src/lib/model/totals';
import { Recorder } from '../../../src/lib/record/recorder';
import { ShownSessionState } from '../../../src/state/shown-session.svelte';
import { MemoryWriter } from '../fakes/memory-writer';

function meta(id: string): SessionMeta {
  return {
    id,
    url: 'ws://test.example/echo',
    protocols: [],
    binaryType: 'arraybuffer',
    startedAt: 1000,
    status: 'recording',
    totals: emptyTotals(),
  };
}

function recorder(id: string) {
  return new Recorder(id, new MemoryWriter(), { setTimer: () => undefined });
}

function receive(source: Recorder, text: string) {
  source.append({ kind: 'text', dir: 'in', t: 1000 + source.length, text, size: text.length });
}

/** A ShownSessionState on a scheduler the test runs by hand: each tick runs what was scheduled until then. */
function shown() {
  const scheduled: (() => void)[] = [];
  const session = new ShownSessionState((callback) => scheduled.push(callback));
  const tick = () => {
    for (const callback of scheduled.splice(0)) callback();
    flushSync();
  };
  return { session, scheduled, tick };
}

describe('ShownSessionState', () => {
  it('redraws once per scheduled tick however many records arrive, and not before the tick', () => {
    const { session, scheduled, tick } = shown();
    const live = recorder('live');
    session.show(live, meta('live'), true);
    const lengths: number[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        lengths.push(session.length);
      });
    });
    flushSync();
    for (let i = 0; i < 5; i++) receive(live, `frame ${i}`);
    flushSync();
    expect(scheduled).toHaveLength(1);
    expect(lengths).toEqual([0]);
    tick();
    receive(live, 'after the tick');
    expect(scheduled).toHaveLength(1);
    tick();
    stop();
    expect(lengths).toEqual([0, 5, 6]);
  });

  it('runs its refresh listeners when another session is shown and at each tick', () => {
    const { session, tick } = shown();
    let refreshes = 0;
    session.onRefresh(() => refreshes++);
    const live = recorder('live');
    session.show(live, meta('live'), true);
    expect(refreshes).toBe(1);
    receive(live, 'a');
    receive(live, 'b');
    tick();
    expect(refreshes).toBe(2);
  });

  it('stops listening to the session it showed before', () => {
    const { session, scheduled, tick } = shown();
    const first = recorder('first');
    const second = recorder('second');
    session.show(first, meta('first'), true);
    session.show(second, meta('second'), false);
    receive(first, 'not shown any more');
    expect(scheduled).toHaveLength(0);
    receive(second, 'shown');
    tick();
    expect(session.meta?.id).toBe('second');
    expect(session.isLive).toBe(false);
    expect(session.at(0)).toMatchObject({ kind: 'text', text: 'shown' });
  });

  it('holds the rows on screen while paused and counts what arrived meanwhile', () => {
    const { session, tick } = shown();
    const live = recorder('live');
    session.show(live, meta('live'), true);
    receive(live, 'before');
    tick();
    session.pause();
    receive(live, 'while paused 1');
    receive(live, 'while paused 2');
    tick();
    expect(session.length).toBe(1);
    expect(session.arrivedWhilePaused).toBe(2);
    session.resume();
    expect(session.length).toBe(3);
  });
});
