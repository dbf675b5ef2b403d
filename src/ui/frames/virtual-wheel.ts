import type { Attachment } from 'svelte/attachments';
import { wheelTarget } from '../../lib/frames/grid-scroll';
import type { ScaledScroll } from '../../lib/frames/scaled-scroll';

/**
 * Wheel scrolling in virtual pixels once the scroll area is compressed (see wheelTarget). A listener of our own,
 * added as not passive, since it must be able to cancel.
 */
export function virtualWheel(
  scale: ScaledScroll,
  rowHeight: number,
  virtualTotal: () => number,
): Attachment<HTMLElement> {
  return (element) => {
    const onwheel = (event: WheelEvent) => {
      const span = { rowHeight, viewport: element.clientHeight, virtualTotal: virtualTotal() };
      const target = wheelTarget(event, scale.ratio, scale.toVirtual(element.scrollTop), span);
      if (target === null) return;
      event.preventDefault();
      element.scrollTop = scale.toPhysical(target);
    };
    element.addEventListener('wheel', onwheel, { passive: false });
    return () => element.removeEventListener('wheel', onwheel);
  };
}
