import { describe, expect, it } from 'vitest';
import { RedactionPlan, secretPartOfProtocol } from '../../../../src/lib/formats/redaction';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import { exportInThread } from '../../fakes/export-in-thread';
import { T0, sampleMeta, chunksOf } from '../../fakes/sample-session';

describe('redaction', () => {
  const url = 'wss://alice:hunter2pass@api.example/ws?room=lobby&access_token=tok_live_123456&sig=abcdef123';
  const protocols = [
    'json.v1',
    'base64url.bearer.authorization.k8s.io.ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNklp',
  ];
  const plan = RedactionPlan.for(url, protocols, [{ name: 'apiKey', value: 'k-secret-42' }]);

  it('redacts userinfo, credential query values and a token subprotocol, and says what without the values', () => {
    expect(plan.url).toBe(
      'wss://REDACTED:REDACTED@api.example/ws?room=lobby&access_token=REDACTED&sig=REDACTED',
    );
    expect(plan.protocols).toEqual(['json.v1', 'base64url.bearer.authorization.k8s.io.REDACTED']);
    const listed = JSON.stringify(plan.redactions);
    expect(listed).toMatch(/user name and password/);
    expect(listed).toMatch(/access_token/);
    expect(listed).toMatch(/apiKey/);
    for (const secret of ['hunter2pass', 'tok_live_123456', 'abcdef123', 'ZXlKaGJH', 'k-secret-42']) {
      expect(listed).not.toContain(secret);
    }
  });

  it('replaces the secrets wherever a text holds them', () => {
    expect(plan.text(`Connecting to ${url} offering ${protocols.join(', ')}`)).not.toMatch(
      /hunter2pass|tok_live_123456|abcdef123|ZXlKaGJH/,
    );
    expect(plan.text('{"login":"k-secret-42","room":"lobby"}')).toBe('{"login":"REDACTED","room":"lobby"}');
  });

  it('keeps ordinary subprotocols and finds tokens in unusual ones', () => {
    expect(secretPartOfProtocol('chat.v1')).toBeNull();
    expect(secretPartOfProtocol('graphql-transport-ws')).toBeNull();
    expect(secretPartOfProtocol('access_token.eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.sig')).toMatch(/^eyJ/);
    expect(secretPartOfProtocol('Q2xpZW50U2VjcmV0MTIzNDU2Nzg5MGFiY2Rl')).toBe(
      'Q2xpZW50U2VjcmV0MTIzNDU2Nzg5MGFiY2Rl',
    );
  });

  it('leaves no secret in an export and lists the redactions in the header', async () => {
    const meta = sampleMeta({ url, protocols, secrets: [{ name: 'apiKey', value: 'k-secret-42' }] });
    const records: UnnumberedRecord[] = [
      { kind: 'note', t: T0, text: `Connecting to ${url} offering ${protocols.join(', ')}` },
      { kind: 'text', dir: 'out', t: T0 + 1, text: '{"apiKey":"k-secret-42"}', size: 24 },
    ];
    for (const format of ['native', 'har'] as const) {
      const chunks = chunksOf(records).map((chunk) => chunk.snapshot());
      const { text } = await exportInThread({ meta, chunks, count: 2, format });
      expect(text).not.toMatch(/hunter2pass|tok_live_123456|abcdef123|ZXlKaGJH|k-secret-42/);
      expect(text).toContain('REDACTED');
    }
  });
});
