import type { SizeLimits } from './sizes';

/*
 * A separator the person drags, or focuses and moves with the keys, as the ARIA window splitter pattern has it:
 * the pane splitters and the grid's column resizers. Framework-free, so the components only say what they size.
 */

/** Which way a drag or an arrow key makes the size bigger. */
export type Grows = 'right' | 'left' | 'up';

/** One move, a drag or a key press, from its start: the size it starts from and how to apply a new one. */
export interface SeparatorMove {
  size: number;
  resize(size: number): void;
}

export interface SeparatorSpec {
  grows: Grows;
  limits: SizeLimits;
  /** Pixels an arrow key moves, and with Shift. */
  step: number;
  bigStep: number;
  /** Measures what a move starts from, on the separator the event came to. */
  begin(separator: EventTarget | null): SeparatorMove;
  /** The move is over: the size is kept. */
  commit(): void;
}

/** The events the handlers read: a pointer's or a key's, as the DOM has them. */
type PointerLike = Pick<PointerEvent, 'clientX' | 'clientY' | 'pointerId' | 'currentTarget'>;
type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'currentTarget' | 'preventDefault'>;

/** A movement of the pointer or a key, in pixels, as a change of the size. */
function along(grows: Grows, delta: number): number {
  return grows === 'right' ? delta : -delta;
}

/**
 * The size a key asks for: ←/→ (↑/↓ for a separator that grows up) by a step, or a big step with Shift, Home and
 * End the limits; undefined for any other key.
 */
export function keyedSize(
  key: string,
  shift: boolean,
  size: number,
  spec: SeparatorSpec,
): number | undefined {
  if (key === 'Home') return spec.limits.min;
  if (key === 'End') return spec.limits.max;
  const step = shift ? spec.bigStep : spec.step;
  const keys: Record<string, number | undefined> =
    spec.grows === 'up'
      ? { ArrowUp: step, ArrowDown: -step }
      : { ArrowRight: along(spec.grows, step), ArrowLeft: along(spec.grows, -step) };
  const change = keys[key];
  return change === undefined ? undefined : size + change;
}

/** The pointer and key handlers of a separator; `spec` is read at each event, so it may follow a component's props. */
export function separatorHandlers(spec: () => SeparatorSpec) {
  let drag: { from: number; move: SeparatorMove } | null = null;
  const position = (event: PointerLike) => (spec().grows === 'up' ? event.clientY : event.clientX);
  const end = () => {
    if (!drag) return;
    drag = null;
    spec().commit();
  };
  return {
    onpointerdown(event: PointerLike): void {
      // Captured, the drag goes on when the pointer runs ahead of the separator, over an iframe or off the window.
      const target = event.currentTarget;
      if (target && 'setPointerCapture' in target) (target as Element).setPointerCapture(event.pointerId);
      drag = { from: position(event), move: spec().begin(target) };
    },
    onpointermove(event: PointerLike): void {
      if (drag) drag.move.resize(drag.move.size + along(spec().grows, position(event) - drag.from));
    },
    onpointerup: end,
    onpointercancel: end,
    onkeydown(event: KeyLike): void {
      const move = spec().begin(event.currentTarget);
      const next = keyedSize(event.key, event.shiftKey, move.size, spec());
      if (next === undefined) return;
      event.preventDefault();
      move.resize(next);
      spec().commit();
    },
  };
}

/**
 * The handlers put on a separator element, and taken off by the function returned: a Svelte attachment
 * (`{@attach separator(spec)}`) with nothing of Svelte in it.
 */
export function separator(spec: () => SeparatorSpec): (element: EventTarget) => () => void {
  return (element) => {
    const handlers = separatorHandlers(spec);
    const listeners: [string, (event: Event) => void][] = [
      ['pointerdown', (event) => handlers.onpointerdown(event as PointerEvent)],
      ['pointermove', (event) => handlers.onpointermove(event as PointerEvent)],
      ['pointerup', handlers.onpointerup],
      ['pointercancel', handlers.onpointercancel],
      ['keydown', (event) => handlers.onkeydown(event as KeyboardEvent)],
    ];
    for (const [type, listener] of listeners) element.addEventListener(type, listener);
    return () => {
      for (const [type, listener] of listeners) element.removeEventListener(type, listener);
    };
  };
}
