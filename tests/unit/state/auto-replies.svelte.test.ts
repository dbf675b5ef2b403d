import { describe, expect, it, vi } from 'vitest';
import { AutoRepliesState } from '../../../src/state/auto-replies.svelte';
import { ECHO, liveSessions } from './live-harness';

function replies() {
  const sessions = liveSessions();
  const live = sessions.create();
  return { ...sessions, live, state: new AutoRepliesState(live) };
}

describe('AutoRepliesState', () => {
  it('shows why a row is not applied, and applies only the valid ones', () => {
    const { state } = replies();
    state.add();
    state.add();
    state.rows[0]!.when = '/(unclosed/';
    state.rows[1]!.when = 'type = ping';
    state.rows[1]!.reply = 'pong';
    state.rows[1]!.max = 'two';
    expect(state.status(0).error).toMatch(/^Not applied: its When/);
    expect(state.status(1).error).toMatch(/^Not applied: maxTimes/);
    state.rows[1]!.max = '2';
    expect(state.status(1)).toEqual({ times: 0 });
    expect(state.rules).toEqual([
      { kind: 'reply', when: { where: 'type = ping' }, reply: { format: 'text', body: 'pong' }, maxTimes: 2 },
    ]);
  });

  it('answers on every connection it opens, counting by row, the engine loaded only once a rule exists', async () => {
    const { state, live, socket } = replies();
    await state.apply();
    state.add();
    state.rows[0]!.when = 'type = ping';
    state.rows[0]!.reply = '{"type":"pong","id":{{$match.id}}}';
    await state.apply();
    live.connect(ECHO);
    socket().open();
    await vi.waitFor(() => {
      socket().receive('{"type":"ping","id":7}');
      expect(socket().sent).toContain('{"type":"pong","id":7}');
    });
    await vi.waitFor(() => expect(state.status(0).times).toBeGreaterThan(0));
  });
});
