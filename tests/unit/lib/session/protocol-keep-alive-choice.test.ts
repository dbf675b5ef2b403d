import { describe, expect, it } from 'vitest';
import type { Detection } from '../../../../src/lib/decoders/detect';
import { connect, harness, OPEN_PACKET, SOCKET_IO_URL } from './keep-alive-harness';

describe('ProtocolKeepAlive and Decode as', () => {
  it('keeps nothing alive under None, chosen before connecting', async () => {
    const { live, engine, socket, sent } = harness();
    engine.choice = 'none';
    connect(live, SOCKET_IO_URL);
    socket().open();
    socket().receive(OPEN_PACKET);
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual([]);
  });

  it('stops answering at once when None is chosen on the open connection', async () => {
    const { live, engine, socket, sent } = harness();
    const active: (Detection | null)[] = [];
    engine.on('active', (detection) => active.push(detection));
    connect(live, SOCKET_IO_URL);
    socket().open();
    socket().receive(OPEN_PACKET);
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual(['*40', '*3']);
    engine.choice = 'none';
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual(['*40', '*3']);
    expect(active.map((detection) => detection?.id ?? null)).toEqual(['socket-io', null]);
  });

  it('speaks the chosen protocol, not the one the URL suggests', async () => {
    const { live, engine, socket, sent } = harness();
    engine.choice = 'socket-io';
    // The path says GraphQL: Auto would open with connection_init.
    connect(live, 'ws://localhost/graphql');
    socket().open();
    await engine.idle();
    expect(sent()).toEqual([]);
    socket().receive(OPEN_PACKET);
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual(['*40', '*3']);
  });

  it('starts on the open connection when a protocol is chosen after detection found none', async () => {
    const { live, engine, socket, sent } = harness();
    connect(live, 'ws://localhost/realtime');
    socket().open();
    for (let i = 0; i < 10; i++) socket().receive(`tick ${i}`);
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual([]);
    engine.choice = 'socket-io';
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual(['*3']);
  });

  it('changes nothing when the protocol already kept alive is chosen, or Auto again', async () => {
    const { live, engine, socket, sent } = harness();
    connect(live, SOCKET_IO_URL);
    socket().open();
    socket().receive(OPEN_PACKET);
    await engine.idle();
    engine.choice = 'socket-io';
    engine.choice = 'auto';
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual(['*40', '*3']);
  });

  it('keeps the choice for the next connection, and Auto detects again', async () => {
    const { live, engine, socket, sent } = harness();
    engine.choice = 'none';
    connect(live, 'ws://localhost/api', ['graphql-transport-ws']);
    socket().open('graphql-transport-ws');
    await engine.idle();
    live.disconnect();
    connect(live, 'ws://localhost/api', ['graphql-transport-ws']);
    socket().open('graphql-transport-ws');
    await engine.idle();
    expect(sent()).toEqual([]);
    engine.choice = 'auto';
    live.disconnect();
    connect(live, 'ws://localhost/api', ['graphql-transport-ws']);
    socket().open('graphql-transport-ws');
    await engine.idle();
    expect(sent()).toEqual(['*{"type":"connection_init"}']);
  });
});
