import { describe, expect, it } from 'vitest';
import { isCredentialField, mayNameCredential } from '../../../../src/lib/redact/credential-shapes';

/** Names isCredentialField accepts, spelled every way nameWords cuts into the same words. */
const CREDENTIAL_NAMES = [
  'token',
  'authToken',
  'X-Amz-Security-Token',
  'API_KEY',
  'apiKey',
  'session_id',
  'pass_word',
  'toKen',
  'client.secret',
  'PASSWORD',
  'refresh-token',
];

describe('mayNameCredential', () => {
  it('holds for every credential-named field, however its words are cut', () => {
    for (const name of CREDENTIAL_NAMES) {
      expect(isCredentialField(name), name).toBe(true);
      expect(mayNameCredential(`{"${name}":"v"}`), name).toBe(true);
      expect(mayNameCredential(`a=1&${name}=v`), name).toBe(true);
    }
  });

  it('lets texts without a credential word skip the field search', () => {
    expect(mayNameCredential('{"seq":12,"type":"quote","price":101}')).toBe(false);
    expect(mayNameCredential('user=ann&page=2')).toBe(false);
  });

  it('leaves names that only resemble one to isCredentialField', () => {
    // The test is a filter, not the decision: "tokens" has the word, and isCredentialField still says no.
    expect(mayNameCredential('tokens')).toBe(true);
    expect(isCredentialField('tokens')).toBe(false);
    expect(isCredentialField('type')).toBe(false);
  });
});
