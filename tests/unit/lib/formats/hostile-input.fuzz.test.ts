import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, MAX_SHARED_BYTES } from '../../../../src/lib/formats/share-link';
import { MAX_IMPORTED_ITEMS, MAX_IMPORTED_PROFILES } from '../../../../src/lib/profiles/profile-file';
import { importProfiles } from '../../../../src/lib/profiles/profile-import';
import { RedactionPlan } from '../../../../src/lib/redact/plan';
import { craftedFragment } from '../../fakes/crafted-link';

/**
 * Share links and profile files come from anyone. Whatever they hold, reading them ends in a Result (a value or a
 * message), never an exception, and never yields more than the caps allow.
 */

const HEADER =
  '{"format":"wsi-session","v":1,"app":"WS Inspector","session":{"url":"wss://h/"},"redactions":[]}';
const encoder = new TextEncoder();

async function expectWithinCaps(fragment: string): Promise<void> {
  const decoded = await decodeShareFragment(fragment);
  if (decoded.ok) {
    expect(decoded.value.size).toBeLessThanOrEqual(MAX_SHARED_BYTES);
    expect((await decoded.value.text()).startsWith('{')).toBe(true);
  } else {
    expect(decoded.error.length).toBeGreaterThan(10);
  }
}

describe('hostile share links', () => {
  it('random text as a fragment', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 400 }), expectWithinCaps), { numRuns: 200 });
  });

  it('random bytes, deflated as a real link is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) =>
        expectWithinCaps(await craftedFragment(new Uint8Array(bytes))),
      ),
      { numRuns: 100 },
    );
  });

  it('a HAR, other JSON or a damaged header, disguised as a session', async () => {
    const disguises = fc.oneof(
      fc.constant('{"log":{"entries":[{"_resourceType":"websocket","request":{"url":"wss://x/"}}]}}'),
      fc.json(),
      fc.string().map((text) => `{"format":"wsi-session","v":${text}}`),
      fc.string().map((text) => `${text}\n${HEADER}`),
    );
    await fc.assert(
      fc.asyncProperty(disguises, async (text) => {
        const decoded = await decodeShareFragment(await craftedFragment(encoder.encode(text)));
        if (decoded.ok) expect(await decoded.value.text()).toMatch(/^\{\s*"format"\s*:\s*"wsi-session"/);
        else expect(decoded.error).toMatch(/WS Inspector session|damaged|more than a link/);
      }),
      { numRuns: 100 },
    );
  });

  it('deflate bombs and huge lines after a valid header', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('\u0000', 'a', '{"seq":0}\n'),
        async (megabytes, filler) => {
          const text = `${HEADER}\n${filler.repeat(Math.ceil((megabytes * 1024 * 1024) / filler.length))}`;
          const decoded = await decodeShareFragment(await craftedFragment(encoder.encode(text)));
          expect(decoded).toMatchObject({ ok: false, error: /more than a link may carry/ });
        },
      ),
      { numRuns: 5 },
    );
  }, 60_000);
});

describe('hostile profile files', () => {
  const anyValue = fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true });
  const hostileProfile = fc.record(
    {
      name: fc.oneof(fc.string(), anyValue),
      url: fc.oneof(fc.webUrl(), fc.string(), anyValue),
      protocols: fc.oneof(fc.string(), anyValue),
      variables: fc.oneof(
        fc.array(
          fc.record({
            name: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'valueOf', '1bad', 'a'), fc.string()),
            value: fc.oneof(fc.string(), anyValue),
            secret: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        anyValue,
      ),
      messages: fc.oneof(
        fc.array(fc.record({ id: fc.constant('same'), body: fc.oneof(fc.string(), anyValue) }), {
          maxLength: 5,
        }),
        anyValue,
      ),
    },
    { requiredKeys: [] },
  );

  it('never throw, and keep within the caps and the rules', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .array(hostileProfile, { maxLength: 10 })
            .map((profiles) => ({ format: 'wsi-profiles', v: 1, profiles })),
          fc
            .array(
              fc.oneof(
                anyValue,
                fc.record({
                  _type: fc.constantFrom('websocket_request', 'websocket_payload'),
                  _id: fc.string(),
                  parentId: fc.string(),
                  url: fc.string(),
                  value: fc.string(),
                }),
              ),
              { maxLength: 10 },
            )
            .map((resources) => ({ _type: 'export', resources })),
          anyValue,
        ),
        (data) => {
          let text: string;
          try {
            text = JSON.stringify(data) ?? 'undefined';
          } catch {
            return;
          }
          const imported = importProfiles(text);
          if (!imported.ok) {
            expect(imported.error.length).toBeGreaterThan(10);
            return;
          }
          expect(imported.value.profiles.length).toBeLessThanOrEqual(MAX_IMPORTED_PROFILES);
          for (const profile of imported.value.profiles) {
            const names = profile.variables.map((v) => v.name);
            expect(new Set(names).size).toBe(names.length);
            expect(profile.messages.length).toBeLessThanOrEqual(MAX_IMPORTED_ITEMS);
            expect(profile.messages.map((m) => m.id)).not.toContain('same');
            for (const field of [profile.name, profile.url, profile.protocols, profile.notes])
              expect(typeof field).toBe('string');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('text that is not JSON, or far too large', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(() => importProfiles(text)).not.toThrow();
      }),
    );
    expect(importProfiles('['.repeat(200_000))).toMatchObject({ ok: false });
    expect(importProfiles(' '.repeat(6 * 1024 * 1024))).toMatchObject({ ok: false, error: /too large/ });
  });
});

describe('hostile texts through redaction', () => {
  it('never throws, and leaves no JWT whatever surrounds it', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4eHh4eHh4In0.c2lnbmF0dXJlLXZhbHVl';
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (url, before, after) => {
        const plan = RedactionPlan.for(url, [before], [{ name: 's', value: after }]);
        const text = plan.text(`${before}${jwt}${after}`);
        expect(text).not.toContain(jwt);
        expect(plan.isEmpty).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('survives texts of millions of characters that defeat regular expressions', () => {
    const plan = RedactionPlan.for('wss://h/', [], [{ name: 's', value: 'secret-value' }]);
    const run = 'a'.repeat(6_000_000);
    for (const text of [
      'eyJ'.repeat(2_000_000),
      `Bearer ${run}`,
      `Basic ${run}`,
      `{{${run}`,
      `"password":"${run}`,
      `wss://h/?${'A'.repeat(1_000_000)}=1`,
    ]) {
      expect(plan.text(text).length).toBeGreaterThan(0);
    }
  }, 60_000);
});
