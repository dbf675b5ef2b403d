// @ts-check
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlowGate } from '../../agent/flow.js';

/** A sink whose queue only drains when the test flushes it, the way a socket's does when the kernel takes data. */
class ManualSink {
  bufferedAmount = 0;
  /** @type {{ size: number, callback?: () => void }[]} */
  queue = [];
  /**
   * @param {Buffer | string} data
   * @param {{ binary: boolean }} _options
   * @param {() => void} [callback]
   */
  send(data, _options, callback) {
    this.bufferedAmount += data.length;
    this.queue.push({ size: data.length, callback });
  }
  flushOne() {
    const item = /** @type {{ size: number, callback?: () => void }} */ (this.queue.shift());
    this.bufferedAmount -= item.size;
    item.callback?.();
  }
}

describe('FlowGate', () => {
  it('reports congestion once past the high-water mark and relief under the low one', () => {
    const sink = new ManualSink();
    /** @type {boolean[]} */
    const changes = [];
    const gate = new FlowGate(sink, { high: 100, low: 30 }, (congested) => changes.push(congested));
    for (let i = 0; i < 10; i++) gate.send(Buffer.alloc(10), true);
    assert.deepEqual(changes, []);
    gate.send(Buffer.alloc(10), true);
    assert.deepEqual(changes, [true]);
    // Frames that still arrive while the source is being paused are queued, not dropped.
    gate.send(Buffer.alloc(10), true);
    assert.equal(sink.queue.length, 12);
    while (sink.bufferedAmount > 30) sink.flushOne();
    assert.deepEqual(changes, [true]);
    // Relief comes from a callback of a frame sent while congested.
    while (sink.queue.length) sink.flushOne();
    assert.deepEqual(changes, [true, false]);
    assert.equal(gate.congested, false);
  });

  it('reports relief even if nothing is sent after congestion', () => {
    const sink = new ManualSink();
    /** @type {boolean[]} */
    const changes = [];
    const gate = new FlowGate(sink, { high: 100, low: 0 }, (congested) => changes.push(congested));
    gate.send(Buffer.alloc(150), true);
    assert.deepEqual(changes, [true]);
    sink.flushOne();
    assert.deepEqual(changes, [true, false]);
  });
});
