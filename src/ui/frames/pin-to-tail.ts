import type { Attachment } from 'svelte/attachments';

/** When the grid changes size while following, it stays pinned to the newest row (`bottom`, a scroll offset). */
export function pinToTail(following: () => boolean, bottom: () => number): Attachment<HTMLElement> {
  return (element) => {
    const observer = new ResizeObserver(() => {
      if (following()) element.scrollTop = bottom();
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
