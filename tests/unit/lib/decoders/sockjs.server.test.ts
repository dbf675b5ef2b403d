import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decoder } from '../../../../src/lib/decoders/sockjs/index';
import { startSockJsServer } from '../../../shared/protocol-servers/sockjs.js';
import { connectThroughDecoder } from './decoder-driven-client';

describe('SockJS against the sockjs 0.3.24 server', () => {
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    server = await startSockJsServer();
  });
  afterAll(() => server.close());

  it('decodes open and echoed JSON messages', async () => {
    const client = await connectThroughDecoder(decoder, server.url);
    try {
      expect(await client.next((m) => m.type === 'open')).toMatchObject({ control: true });
      client.compose({ price: 101 });
      expect(await client.next((m) => m.type === 'message')).toMatchObject({
        fields: { price: 101 },
        summary: 'message {"price":101}',
      });
      expect(client.errors).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('decodes STOMP carried inside, sniffed from the first message, with its pairing', async () => {
    const client = await connectThroughDecoder(decoder, server.url);
    try {
      await client.next((m) => m.type === 'open');
      const [sent] = client.compose({
        stomp: { command: 'SEND', headers: { destination: '/q', receipt: 'r1' }, body: 'hi' },
      });
      expect(sent).toMatchObject({ type: 'SEND', pairing: { key: 'receipt:r1', role: 'request' } });
      // The echo server returns the SEND as it was sent: STOMP decodes it again from the a[…] frame.
      expect(await client.next((m) => m.type === 'SEND')).toMatchObject({ key: '/q', summary: 'SEND /q hi' });
    } finally {
      client.close();
    }
  });

  it('decodes the server’s close frame', async () => {
    const client = await connectThroughDecoder(decoder, server.url);
    await client.next((m) => m.type === 'open');
    client.compose('close');
    expect(await client.next((m) => m.type === 'close')).toMatchObject({
      key: '3000',
      fields: { reason: 'Go away!' },
    });
    await client.closed;
  });
});
