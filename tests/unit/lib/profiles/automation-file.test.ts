import { describe, expect, it } from 'vitest';
import { profileAutomationChecks } from '../../../../src/lib/automation/profile-checks';
import type { Profile } from '../../../../src/lib/profiles/profile';
import { exportProfiles } from '../../../../src/lib/profiles/profile-export';
import { importProfiles } from '../../../../src/lib/profiles/profile-import';

const scenario = JSON.stringify(
  {
    name: 'ping',
    url: 'ws://chat.example/room?key={{token}}',
    steps: [{ send: 'ping' }, { expect: { text: 'pong' }, within: 1000 }],
  },
  null,
  2,
);

const chat: Profile = {
  id: 'p1',
  name: 'Chat',
  url: 'ws://chat.example/room?key={{token}}',
  protocols: '',
  binaryType: 'arraybuffer',
  createdAt: 1,
  lastUsedAt: 2,
  variables: [{ name: 'token', value: 's3cret-value-42', secret: true }],
  messages: [],
  notes: '',
  reconnect: false,
  rules: [
    { when: 'type = ping', reply: '{"type":"pong","id":{{$match.id}}}', maxTimes: 3 },
    { when: '/hello (\\w+)/', reply: 'hi {{$match.1}}, key {{token}}', delayMs: 50 },
  ],
  scenario,
};

/** A file of one profile named Chat, with these fields. */
function fileWith(fields: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'wsi-profiles',
    v: 1,
    profiles: [{ name: 'Chat', url: chat.url, ...fields }],
  });
}

function importChecked(text: string) {
  return importProfiles(text, profileAutomationChecks);
}

describe('auto-replies and scenarios in profile files', () => {
  it('travel with their profile and come back as they were', () => {
    const imported = importChecked(exportProfiles([chat], true));
    expect(imported.ok && imported.value.profiles[0]).toMatchObject({ rules: chat.rules, scenario });
  });

  it('are templates: a {{secret}} stays a reference, a secret typed literally is redacted and listed', () => {
    const typed: Profile = {
      ...chat,
      rules: [{ when: 'auth', reply: 'token s3cret-value-42' }, ...(chat.rules ?? [])],
      scenario: scenario.replace('"send": "ping"', '"send": "ping s3cret-value-42"'),
    };
    const text = exportProfiles([typed], false);
    expect(text).not.toContain('s3cret-value-42');
    const file = JSON.parse(text);
    expect(file.profiles[0].rules[0].reply).toBe('token REDACTED');
    expect(file.profiles[0].rules[2].reply).toBe('hi {{$match.1}}, key {{token}}');
    expect(file.profiles[0].scenario).toContain('"send": "ping REDACTED"');
    expect(file.redactions.every((r: { profile: string }) => r.profile === 'Chat')).toBe(true);
    // Still a valid scenario, so the redacted file imports.
    expect(importChecked(text).ok).toBe(true);
  });

  it('leave profiles from before automation as they were', () => {
    const imported = importChecked(fileWith({}));
    expect(imported.ok && imported.value.profiles[0]).not.toHaveProperty('rules');
    expect(imported.ok && imported.value.profiles[0]).not.toHaveProperty('scenario');
  });

  it('take a scenario written as the JSON object itself', () => {
    const imported = importChecked(fileWith({ scenario: JSON.parse(scenario) }));
    expect(imported.ok && imported.value.profiles[0]?.scenario).toBe(scenario);
  });

  it.each([
    [{ rules: 'ping' }, 'Profile “Chat”, its auto-replies are not a list.'],
    [{ rules: [{ when: 'ping' }] }, 'Profile “Chat”, auto-reply 1: "reply" is the text to send.'],
    [
      {
        rules: [
          { when: 'a', reply: 'b' },
          { when: '/(unclosed/', reply: 'x' },
        ],
      },
      /^Profile “Chat”, auto-reply 2: its When: \/\(unclosed\/ is not a regular expression/,
    ],
    [
      { rules: [{ when: 'a', reply: 'b', delayMs: -1 }] },
      /^Profile “Chat”, auto-reply 1: delayMs is milliseconds/,
    ],
    [
      { rules: [{ when: 'a', reply: 'b', maxTimes: '2' }] },
      'Profile “Chat”, auto-reply 1: "maxTimes" is a number.',
    ],
    [{ rules: [{ kind: 'open', when: 'a', reply: 'b' }] }, /^Profile “Chat”, auto-reply 1: only reply rules/],
    [
      { scenario: '{"url":"ws://x/","steps":[{"jump":1}]}' },
      /^Profile “Chat”, its scenario: Step 1 \(line 1\): unknown step/,
    ],
    [{ scenario: 'not json' }, /^Profile “Chat”, its scenario: The scenario is not JSON/],
    [{ scenario: 42 }, 'Profile “Chat”, its scenario is neither text nor a JSON object.'],
  ])('refuse the whole file for a rule or scenario that cannot be used: %j', (fields, error) => {
    const imported = importChecked(fileWith(fields));
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.error).toMatch(error);
  });

  it('are refused by a reader not given the automation checks, never kept unchecked', () => {
    const imported = importProfiles(fileWith({ rules: [{ when: 'a', reply: 'b' }] }));
    expect(imported).toEqual({
      ok: false,
      error: 'Profile “Chat”, auto-reply 1: this reader was not given the checks for auto-replies',
    });
    expect(importProfiles(fileWith({})).ok).toBe(true);
  });
});
