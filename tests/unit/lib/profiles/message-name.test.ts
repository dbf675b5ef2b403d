import { describe, expect, it } from 'vitest';
import { suggestMessageName } from '../../../../src/lib/profiles/message-name';

describe('suggestMessageName', () => {
  it('names a message by what it does: the first type, op, event… field, even with {{variables}} in the body', () => {
    expect(suggestMessageName('{"type":"hello","from":"{{user}}","at":{{$timestamp}}}', [])).toBe('hello');
    expect(suggestMessageName('{"id":1,"op":"subscribe","data":{"type":"inner"}}', [])).toBe('subscribe');
    expect(suggestMessageName('{\n  "event": "chat"\n}', [])).toBe('chat');
  });

  it('falls back on the first line, cut short, and on a plain word for an empty-looking value', () => {
    expect(suggestMessageName('ping\nsecond line', [])).toBe('ping');
    expect(suggestMessageName('{"type":"  "}', [])).toBe('{"type":"  "}');
    expect(suggestMessageName(`{"method":"${'m'.repeat(60)}"}`, [])).toBe(`${'m'.repeat(39)}…`);
  });

  it('never offers a name the profile already holds', () => {
    expect(suggestMessageName('{"type":"hello"}', ['hello', 'hello 2'])).toBe('hello 3');
    expect(suggestMessageName('{"type":"hello"}', ['Hello'])).toBe('hello');
  });
});
