import { describe, expect, it } from 'vitest';
import type { Grows, SeparatorSpec } from '../../../../src/lib/display/separator';
import { keyedSize, separator, separatorHandlers } from '../../../../src/lib/display/separator';

/** A separator sizing one number, recording what it was told. */
function sizing(grows: Grows, start = 200) {
  const log: string[] = [];
  let size = start;
  const spec: SeparatorSpec = {
    grows,
    limits: { min: 100, max: 400 },
    step: 10,
    bigStep: 50,
    begin: () => ({ size, resize: (next) => log.push(`resize ${(size = next)}`) }),
    commit: () => log.push('commit'),
  };
  return { spec, log, handlers: separatorHandlers(() => spec) };
}

const captured: number[] = [];
const target = { setPointerCapture: (id: number) => captured.push(id) } as unknown as EventTarget;
const pointer = (clientX: number, clientY = 0) => ({
  clientX,
  clientY,
  pointerId: 7,
  currentTarget: target,
});
function key(name: string, shiftKey = false) {
  const event = { key: name, shiftKey, currentTarget: target, prevented: false, preventDefault: () => {} };
  event.preventDefault = () => (event.prevented = true);
  return event;
}

describe('keyedSize', () => {
  const spec = (grows: Grows) => sizing(grows).spec;

  it('steps with the arrows the way the separator grows, further with Shift', () => {
    expect(keyedSize('ArrowRight', false, 200, spec('right'))).toBe(210);
    expect(keyedSize('ArrowLeft', true, 200, spec('right'))).toBe(150);
    expect(keyedSize('ArrowRight', false, 200, spec('left'))).toBe(190);
    expect(keyedSize('ArrowUp', false, 200, spec('up'))).toBe(210);
    expect(keyedSize('ArrowDown', true, 200, spec('up'))).toBe(150);
  });

  it('goes to the limits with Home and End, and ignores other keys', () => {
    expect(keyedSize('Home', false, 200, spec('up'))).toBe(100);
    expect(keyedSize('End', false, 200, spec('left'))).toBe(400);
    expect(keyedSize('ArrowUp', false, 200, spec('right'))).toBeUndefined();
    expect(keyedSize('Tab', false, 200, spec('right'))).toBeUndefined();
  });
});

describe('separatorHandlers', () => {
  it('drags from the size at the start, captures the pointer, and keeps the size when let go', () => {
    const { handlers, log } = sizing('right');
    handlers.onpointerdown(pointer(500));
    handlers.onpointermove(pointer(530));
    handlers.onpointermove(pointer(480));
    handlers.onpointerup();
    handlers.onpointermove(pointer(900));
    expect(captured).toContain(7);
    expect(log).toEqual(['resize 230', 'resize 180', 'commit']);
  });

  it('follows the pointer up for a pane that grows up, and the other way for one that grows left', () => {
    const up = sizing('up');
    up.handlers.onpointerdown(pointer(0, 300));
    up.handlers.onpointermove(pointer(40, 260));
    up.handlers.onpointercancel();
    expect(up.log).toEqual(['resize 240', 'commit']);
    const left = sizing('left');
    left.handlers.onpointerdown(pointer(300));
    left.handlers.onpointermove(pointer(280));
    expect(left.log).toEqual(['resize 220']);
  });

  it('commits nothing for a pointer up without a drag', () => {
    const { handlers, log } = sizing('right');
    handlers.onpointerup();
    expect(log).toEqual([]);
  });

  it('sizes and keeps at once on a key it knows, and leaves other keys alone', () => {
    const { handlers, log } = sizing('right');
    const end = key('End');
    handlers.onkeydown(end);
    const tab = key('Tab');
    handlers.onkeydown(tab);
    expect(log).toEqual(['resize 400', 'commit']);
    expect([end.prevented, tab.prevented]).toEqual([true, false]);
  });
});

describe('separator', () => {
  it('listens on the element it is attached to until it is taken off', () => {
    const { spec, log } = sizing('right');
    const element = new EventTarget();
    const detach = separator(() => spec)(element);
    const fire = (type: string, fields: object) =>
      element.dispatchEvent(Object.assign(new Event(type), fields));
    fire('pointerdown', { clientX: 100, clientY: 0, pointerId: 1 });
    fire('pointermove', { clientX: 140, clientY: 0, pointerId: 1 });
    fire('pointerup', {});
    fire('keydown', { key: 'Home', shiftKey: false });
    detach();
    fire('keydown', { key: 'End', shiftKey: false });
    expect(log).toEqual(['resize 240', 'commit', 'resize 100', 'commit']);
  });
});
