import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, maskSecrets } from '../../../../src/lib/redact/mask';

const TOKEN = { name: 'token', value: 's3cret-t0ken' };

describe('maskSecrets', () => {
  it('masks a known secret value wherever it stands, including where nothing names it a credential', () => {
    expect(maskSecrets('ws://h.test/echo?room=s3cret-t0ken', [TOKEN])).toBe(`ws://h.test/echo?room=${MASK}`);
    expect(maskSecrets('ws://h.test/s3cret-t0ken/feed', [TOKEN])).toBe(`ws://h.test/${MASK}/feed`);
    expect(maskSecrets('auth s3cret-t0ken and s3cret-t0ken', [TOKEN])).toBe(`auth ${MASK} and ${MASK}`);
  });

  it('masks the forms a URL gives a secret: percent-encoded, either case of hex', () => {
    const secret = { name: 'p', value: 'a b/c?d' };
    expect(maskSecrets('ws://h.test/?x=a%20b%2Fc%3Fd', [secret])).toBe(`ws://h.test/?x=${MASK}`);
    expect(maskSecrets('ws://h.test/?x=a%20b%2fc%3fd', [secret])).toBe(`ws://h.test/?x=${MASK}`);
  });

  it('masks credentials a URL shows by their shape, without knowing the secret', () => {
    expect(maskSecrets('ws://h.test/echo?token=abc&room=1')).toBe(`ws://h.test/echo?token=${MASK}&room=1`);
    expect(maskSecrets('wss://bob:hunter2@h.test/')).toBe(`wss://${MASK}:${MASK}@h.test/`);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    expect(maskSecrets(`Connecting to wss://h.test/live/${jwt} offering chat`)).toBe(
      `Connecting to wss://h.test/live/${MASK} offering chat`,
    );
  });

  it('masks a secret inside a longer one whole, the longest first', () => {
    const secrets = [
      { name: 'short', value: 'abcdef' },
      { name: 'long', value: 'abcdef-ghijkl' },
    ];
    expect(maskSecrets('x abcdef-ghijkl y abcdef', secrets)).toBe(`x ${MASK} y ${MASK}`);
  });

  it('leaves ordinary text, variable references and too-short secrets as they are', () => {
    const text = 'Connecting to ws://h.test/echo?room=lobby&t={{token}} offering chat.v1 (binary type blob)';
    expect(maskSecrets(text, [TOKEN, { name: 'pin', value: 'ch' }])).toBe(text);
    expect(maskSecrets('', [TOKEN])).toBe('');
  });

  it('never leaves a secret of three characters or more in what it returns', () => {
    const secret = fc.string({ minLength: 3, maxLength: 16 });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        secret,
        fc.string({ maxLength: 30 }),
        (before, value, after) => {
          fc.pre(!MASK.includes(value) && !value.includes(MASK));
          const shown = maskSecrets(`${before}${value}${after}`, [{ name: 's', value }]);
          expect(shown).not.toContain(value);
        },
      ),
      { numRuns: 500 },
    );
  });
});
