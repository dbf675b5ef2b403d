import { describe, expect, it } from 'vitest';
import { normalizePem } from '../../../../src/lib/agent/pem';

const BODY = 'A'.repeat(100);
const WRAPPED = `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(36)}\n-----END PRIVATE KEY-----\n`;

describe('normalizePem', () => {
  it('puts back the line breaks a password field strips, 64 characters a line', () => {
    expect(normalizePem(`-----BEGIN PRIVATE KEY-----${BODY}-----END PRIVATE KEY-----`)).toBe(WRAPPED);
  });

  it('keeps PEM that is already well formed, every block of it', () => {
    expect(normalizePem(WRAPPED)).toBe(WRAPPED);
    const cert = '-----BEGIN CERTIFICATE-----\nQkND\n-----END CERTIFICATE-----';
    expect(normalizePem(`${cert}\r\n${cert}`)).toBe(`${cert}\n${cert}\n`);
  });

  it('passes anything else on as typed, for the agent to refuse', () => {
    expect(normalizePem('not a key')).toBe('not a key');
  });
});
