import { Client, type IMessage } from '@stomp/stompjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decoder } from '../../../../src/lib/decoders/stomp/index';
import type { StompMessage } from '../../../../src/lib/decoders/stomp/message';
import { startStompServer } from '../../../shared/protocol-servers/stomp.js';
import { connectThroughDecoder } from './decoder-driven-client';

const STOMP_PROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

describe('STOMP against a STOMP-over-WebSocket broker', () => {
  let broker: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    broker = await startStompServer();
  });
  afterAll(() => broker.close());

  it('connects with our keep-alive, subscribes, sends and receives, all through the decoder', async () => {
    const client = await connectThroughDecoder(decoder, broker.url, { protocols: STOMP_PROTOCOLS });
    try {
      expect(client.facts.protocol).toBe('v12.stomp');
      const connected = await client.next((m) => m.type === 'CONNECTED');
      expect(connected).toMatchObject({
        control: true,
        pairing: { key: 'connect', role: 'reply' },
        fields: { version: '1.2' },
      });
      expect(client.keepAlive?.heartbeat?.intervalMs).toBe(10_000);

      const [subscribe] = client.compose({
        command: 'SUBSCRIBE',
        headers: { destination: '/topic/x', receipt: 'sub-ok' },
      }) as StompMessage[];
      const receipt = await client.next((m) => m.type === 'RECEIPT');
      expect(receipt.pairing).toEqual({ key: 'receipt:sub-ok', role: 'reply', final: true });
      expect(subscribe?.morePairings).toEqual([{ key: 'receipt:sub-ok', role: 'request' }]);

      client.compose({
        command: 'SEND',
        headers: { destination: '/topic/x', 'x-path': 'a:b\nc\\d' },
        body: { price: 101 },
      });
      const message = await client.next((m) => m.type === 'MESSAGE');
      expect(message).toMatchObject({
        key: '/topic/x',
        summary: 'MESSAGE /topic/x {"price":101}',
        fields: {
          destination: '/topic/x',
          'x-path': 'a:b\nc\\d',
          body: { price: 101 },
          'content-type': 'application/json',
        },
        pairing: { key: subscribe?.pairing?.key, role: 'reply', final: false },
      });
      expect(client.errors).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('decodes the ERROR a malformed frame earns, and the broker closes', async () => {
    const client = await connectThroughDecoder(decoder, broker.url, { protocols: STOMP_PROTOCOLS });
    await client.next((m) => m.type === 'CONNECTED');
    client.send({ text: 'SEND\nreceipt:bad-1\nx:a\\tb\n\n\0' });
    const error = await client.next((m) => m.type === 'ERROR');
    expect(error).toMatchObject({ key: 'undefined escape in a SEND header' });
    expect(client.errors).toEqual([
      'sent: Not a STOMP frame: SEND: header x “\\t” is not an escape STOMP 1.2 defines',
    ]);
    await client.closed;
  });

  it('decodes the broker’s heart-beats as control, at the interval asked for', async () => {
    const fast = await startStompServer({ heartBeat: [20, 0] });
    try {
      const client = await connectThroughDecoder(decoder, fast.url, {
        protocols: STOMP_PROTOCOLS,
        handshake: false,
      });
      client.compose({
        command: 'CONNECT',
        headers: { 'accept-version': '1.2', host: '127.0.0.1', 'heart-beat': '0,20' },
      });
      const connected = await client.next((m) => m.type === 'CONNECTED');
      client.keepAlive?.answer(connected);
      expect(client.keepAlive?.heartbeat).toBeUndefined();
      expect(await client.next((m) => m.type === 'heart-beat')).toMatchObject({ control: true });
      client.close();
    } finally {
      await fast.close();
    }
  });

  it('negotiates 1.0 and leaves header values unescaped, as 1.0 does', async () => {
    const client = await connectThroughDecoder(decoder, broker.url, {
      protocols: ['v10.stomp'],
      handshake: false,
    });
    try {
      client.send({ text: 'CONNECT\naccept-version:1.0\nhost:127.0.0.1\n\n\0' });
      expect((await client.next((m) => m.type === 'CONNECTED')).fields['version']).toBe('1.0');
      client.send({ text: 'SUBSCRIBE\nid:s\ndestination:/q/1.0\n\n\0' });
      client.send({ text: 'SEND\ndestination:/q/1.0\nnote:back\\slash\n\nplain\0' });
      expect((await client.next((m) => m.type === 'MESSAGE')).fields).toMatchObject({
        note: 'back\\slash',
        body: 'plain',
      });
    } finally {
      client.close();
    }
  });

  it('speaks real STOMP: @stomp/stompjs connects, subscribes with a receipt, and receives what it publishes', async () => {
    const client = new Client({
      webSocketFactory: () => new WebSocket(broker.url, STOMP_PROTOCOLS),
      reconnectDelay: 0,
      debug: () => undefined,
    });
    try {
      const connected = new Promise<string | undefined>((resolve) => {
        client.onConnect = (frame) => resolve(frame.headers['version']);
      });
      client.activate();
      expect(await connected).toBe('1.2');
      const received = new Promise<IMessage>((resolve) =>
        client.subscribe('/topic/lib', resolve, { receipt: 'lib-sub' }),
      );
      await new Promise<void>((resolve) => client.watchForReceipt('lib-sub', () => resolve()));
      client.publish({ destination: '/topic/lib', body: 'from stompjs', headers: { 'x-colon': 'a:b' } });
      const message = await received;
      expect(message.body).toBe('from stompjs');
      expect(message.headers).toMatchObject({ destination: '/topic/lib', 'x-colon': 'a:b' });
    } finally {
      await client.deactivate();
    }
  });
});
