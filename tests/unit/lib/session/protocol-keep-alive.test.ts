import { describe, expect, it } from 'vitest';
import { previewRecord } from '../../../../src/lib/frames/describe';
import { checkHarMessage } from '../../../../src/lib/formats/har-messages';
import { HarRecords } from '../../../../src/lib/formats/har-writer';
import { checkNativeRecord, nativeRecordLine } from '../../../../src/lib/formats/native';
import { RedactionPlan } from '../../../../src/lib/formats/redaction';
import { ChunkBuilder, recordAt } from '../../../../src/lib/record/chunk';
import type { MessageRecord } from '../../../../src/lib/model/frame';
import { connect, harness, OPEN_PACKET, SOCKET_IO_URL } from './keep-alive-harness';

describe('ProtocolKeepAlive', () => {
  it('joins Socket.IO with 40 only after the server’s open packet, and answers each ping 2 with a pong 3', async () => {
    const { live, engine, socket, sent } = harness();
    connect(live, SOCKET_IO_URL);
    socket().open();
    await engine.idle();
    expect(sent()).toEqual([]);
    socket().receive(OPEN_PACKET);
    await engine.idle();
    expect(sent()).toEqual(['*40']);
    socket().receive('40{"sid":"xyz"}');
    socket().receive('2');
    await engine.idle();
    socket().receive('2');
    await engine.idle();
    expect(sent()).toEqual(['*40', '*3', '*3']);
  });

  it('records what it sends in order after what it answers, and leaves the person’s messages unmarked', async () => {
    const { live, engine, socket, sent, records } = harness();
    connect(live, SOCKET_IO_URL);
    socket().open();
    socket().receive(OPEN_PACKET);
    socket().receive('2');
    live.sendText('42["chat","hi"]');
    await engine.idle();
    const texts = records.flatMap((r) => (r.kind === 'text' ? [`${r.dir} ${r.text}`] : []));
    // The person's message was sent synchronously; the answers follow the messages they answer.
    expect(texts).toEqual([`in ${OPEN_PACKET}`, 'in 2', 'out 42["chat","hi"]', 'out 40', 'out 3']);
    expect(sent()).toEqual(['42["chat","hi"]', '*40', '*3']);
  });

  it('finds Socket.IO from the first frames when the URL does not say, and still joins', async () => {
    const { live, engine, socket, sent } = harness();
    connect(live, 'ws://localhost/realtime');
    socket().open();
    socket().receive(OPEN_PACKET);
    await engine.idle();
    expect(sent()).toEqual(['*40']);
  });

  it('opens graphql-ws with connection_init and answers ping with pong', async () => {
    const { live, engine, socket, sent } = harness();
    connect(live, 'ws://localhost/api', ['graphql-transport-ws']);
    socket().open('graphql-transport-ws');
    await engine.idle();
    expect(sent()).toEqual(['*{"type":"connection_init"}']);
    socket().receive('{"type":"connection_ack"}');
    socket().receive('{"type":"ping"}');
    await engine.idle();
    expect(sent()).toEqual(['*{"type":"connection_init"}', '*{"type":"pong"}']);
    expect(engine.composeContext.protocol).toBe('graphql-transport-ws');
  });

  it('sends MQTT’s CONNECT on open, PINGREQ on each heartbeat, and stops every timer on close', async () => {
    const { live, engine, timers, socket, sent } = harness();
    connect(live, 'ws://localhost/mqtt', ['mqtt']);
    socket().open('mqtt');
    await engine.idle();
    expect(sent()).toHaveLength(1);
    expect(sent()[0]).toMatch(/^\*10[0-9a-f]{2}00044d515454/); // CONNECT, protocol name "MQTT"
    expect(timers.intervals).toEqual([30_000]);
    socket().receive(new Uint8Array([0x20, 0x02, 0x00, 0x00]).buffer); // CONNACK
    await engine.idle();
    timers.fire();
    await engine.idle();
    timers.fire();
    await engine.idle();
    expect(sent().slice(1)).toEqual(['*c000', '*c000']);
    expect(timers.intervals).toEqual([30_000]);
    socket().closeFromServer(1000, '', true);
    expect(timers.pending.size).toBe(0);
    timers.fire();
    await engine.idle();
    expect(sent()).toHaveLength(3);
  });

  it('sends nothing when turned off, and turning it off stops a running heartbeat', async () => {
    const off = harness(false);
    connect(off.live, 'ws://localhost/mqtt', ['mqtt']);
    off.socket().open('mqtt');
    await off.engine.idle();
    expect(off.sent()).toEqual([]);
    expect(off.timers.pending.size).toBe(0);

    const on = harness();
    connect(on.live, 'ws://localhost/mqtt', ['mqtt']);
    on.socket().open('mqtt');
    await on.engine.idle();
    expect(on.timers.pending.size).toBe(1);
    on.engine.enabled = false;
    expect(on.timers.pending.size).toBe(0);
    on.socket().receive(new Uint8Array([0x32, 0x07, 0x00, 0x01, 0x74, 0x00, 0x05, 0x68, 0x69]).buffer);
    await on.engine.idle();
    expect(on.sent()).toHaveLength(1); // the CONNECT only: no PUBACK after turning off
  });

  it('gives up on a connection no protocol claims within the first frames, sending nothing', async () => {
    const { live, engine, socket, sent, timers } = harness();
    connect(live, 'ws://localhost/echo');
    socket().open();
    for (let i = 0; i < 10; i++) socket().receive(`plain ${i}`);
    await engine.idle();
    expect(sent()).toEqual([]);
    expect(timers.pending.size).toBe(0);
  });

  it('draws composer ids per connection, starting again at 1 after a reconnect', () => {
    const { live, engine, socket } = harness();
    connect(live, 'ws://localhost/graphql');
    socket().open();
    expect(engine.previewContext.nextId()).toBe(1);
    expect(engine.composeContext.nextId()).toBe(1);
    expect(engine.composeContext.nextId()).toBe(2);
    expect(engine.previewContext.nextId()).toBe(3);
    socket().closeFromServer(1000, '', true);
    connect(live, 'ws://localhost/graphql');
    socket().open();
    expect(engine.composeContext.nextId()).toBe(1);
  });
});

describe('the automatic mark', () => {
  const sent: MessageRecord[] = [
    { seq: 0, t: 1, kind: 'text', dir: 'out', text: '3', size: 1, auto: true },
    { seq: 1, t: 2, kind: 'binary', dir: 'out', bytes: new Uint8Array([0xc0, 0]), size: 2, auto: true },
    { seq: 2, t: 3, kind: 'text', dir: 'out', text: '42["chat"]', size: 10 },
  ];

  it('ends the row’s preview, so the decoded type still leads it', () => {
    expect(sent.map((record) => previewRecord(record))).toEqual([
      '3 · automatic',
      '2 B binary: c0 00 · automatic',
      '42["chat"]',
    ]);
  });

  it('survives a stored chunk', () => {
    const chunk = new ChunkBuilder(0);
    for (const record of sent) chunk.append(record);
    const stored = chunk.snapshot();
    expect(sent.map((_, i) => recordAt(stored, i))).toEqual(sent);
  });

  it('survives the native file and HAR, and is never read onto a received message', () => {
    const plan = RedactionPlan.none('ws://x/', []);
    for (const record of sent) {
      const line = JSON.parse(nativeRecordLine(record, plan)) as Record<string, unknown>;
      const native = checkNativeRecord(line);
      expect(native.ok && native.value.kind === record.kind && 'auto' in native.value).toBe(!!record.auto);
      const har = new HarRecords(plan);
      const message = JSON.parse(har.record(record).replace(/^,/, '')) as Record<string, unknown>;
      const imported = checkHarMessage(message);
      expect(imported.ok && imported.value.kind === record.kind && 'auto' in imported.value).toBe(
        !!record.auto,
      );
    }
    const received = { t: 1, kind: 'text', dir: 'in', data: '2', auto: true };
    const checked = checkNativeRecord(received);
    expect(checked.ok && 'auto' in checked.value).toBe(false);
  });
});
