import { describe, expect, it } from 'vitest';
import type { AutoRule } from '../../../../src/lib/automation/rules';
import { liveHarness } from '../../fakes/live-harness';

const reply = (when: Extract<AutoRule, { kind: 'reply' }>['when'], body: string, extra = {}): AutoRule => ({
  kind: 'reply',
  when,
  reply: { body, format: 'text' },
  ...extra,
});

describe('AutoReplies', () => {
  it('answers a field condition with a template that reads the decoded match, after the frame, marked automatic', async () => {
    const h = liveHarness();
    h.open({
      rules: [reply({ where: 'type = ping' }, '{"type":"pong","id":{{$match.id}},"n":"{{$match.data.n}}"}')],
    });
    h.socket().receive('{"type":"ping","id":7,"data":{"n":"x"}}');
    h.socket().receive('{"type":"other","id":8}');
    expect(h.sent()).toEqual([]); // never inside the dispatch of the frame it answers
    await h.advance(0);
    expect(h.sent()).toEqual(['{"type":"pong","id":7,"n":"x"}']);
    const out = h.records.find((r) => r.kind === 'text' && r.dir === 'out');
    expect(out).toMatchObject({ auto: true });
    expect(h.records.findIndex((r) => r === out)).toBeGreaterThan(
      h.records.findIndex((r) => r.kind === 'text' && r.text.includes('"other"')),
    );
  });

  it('reads regex groups and text matches, waits its delay, and replies at most N times', async () => {
    const h = liveHarness();
    h.open({
      rules: [
        reply({ regex: 'hello (\\w+)' }, 'hi {{$match.1}}', { delayMs: 100, maxTimes: 2 }),
        reply({ text: 'bye' }, 'you said: {{$match}}'),
      ],
    });
    const stopped: string[] = [];
    h.engine.on('stopped', ({ rule, reason }) => stopped.push(`${rule} ${reason}`));
    for (const name of ['ann', 'bob', 'cid']) h.socket().receive(`hello ${name}`);
    h.socket().receive('ok bye');
    await h.advance(99);
    expect(h.sent()).toEqual(['you said: ok bye']);
    await h.advance(1);
    expect(h.sent()).toEqual(['you said: ok bye', 'hi ann', 'hi bob']);
    expect(stopped).toEqual(['0 it replied its maximum of 2']);
    expect(h.engine.counts).toEqual([
      { times: 2, stopped: true },
      { times: 1, stopped: false },
    ]);
  });

  it('stops a rule that replies to echoes of its own replies, and says so in the session', async () => {
    const h = liveHarness();
    h.open({ rules: [reply({ text: 'ping' }, 'ping back')] });
    // An echo server: everything sent comes straight back.
    h.live.on('record', (record) => {
      if (record.kind === 'text' && record.dir === 'out')
        queueMicrotask(() => h.socket().receive(record.text));
    });
    h.socket().receive('ping');
    await h.advance(1000);
    const replies = h.sent().length;
    expect(replies).toBeGreaterThan(1);
    expect(replies).toBeLessThanOrEqual(7);
    expect(h.notes().at(-1)).toMatch(/Auto-reply 1 stopped: .*loop/);
    await h.advance(1000);
    expect(h.sent()).toHaveLength(replies);
  });

  it('drops pending replies when the connection closes, and starts counting again on the next', async () => {
    const h = liveHarness();
    h.open({ rules: [reply({ text: 'a' }, 'b', { delayMs: 500, maxTimes: 1 })] });
    h.socket().receive('a');
    h.socket().closeFromServer(1006, '', false);
    await h.advance(1000);
    expect(h.timers.pending).toBe(0);
    h.open({ rules: [reply({ text: 'a' }, 'b', { delayMs: 500, maxTimes: 1 })] });
    h.socket().receive('a');
    await h.advance(500);
    expect(h.sent()).toEqual(['b']);
  });

  it('runs send-on-open as open rules, first, in order, with a note for one that cannot be sent', () => {
    const h = liveHarness();
    h.open({
      values: { room: 'r1' },
      sendOnOpen: [{ body: 'join {{room}}', format: 'text' }],
      rules: [
        { kind: 'open', reply: { body: '{{nope}}', format: 'text' } },
        { kind: 'open', reply: { body: 'seq {{$seq}}', format: 'text' } },
      ],
    });
    expect(h.sent()).toEqual(['join r1', 'seq 2']);
    expect(h.notes().at(-1)).toMatch(/A message to send on open was not sent: Unknown variable \{\{nope\}\}/);
  });

  it('turns reply rules off, saying which and why, when one could not be used (rules are checked first)', async () => {
    const h = liveHarness();
    const problems: string[] = [];
    h.engine.on('problem', (problem) => problems.push(problem));
    h.open({ rules: [reply({ text: 'x' }, 'y'), reply({ regex: '(' }, 'z')] });
    h.socket().receive('x');
    await h.advance(0);
    expect(h.sent()).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^Rule 2: \/\(\/ is not a regular expression/)]);
    expect(h.notes().at(-1)).toMatch(/^Auto-replies are off: Rule 2/);
  });

  it('sends a reply whose match holds {{braces}} as it is: server text is never expanded as variables', async () => {
    const h = liveHarness();
    h.open({ values: { secret: 's3cret' }, rules: [reply({ regex: 'say (.*)' }, '{{$match.1}}')] });
    h.socket().receive('say {{secret}}');
    await h.advance(0);
    expect(h.sent()).toEqual(['{{secret}}']);
  });
});
