import type { Attachment } from 'svelte/attachments';

/**
 * When the grid changes size while following, it stays pinned to the newest row: `bottom` is the scroll offset
 * to pin to, or false while not following; `scrollTo` scrolls the grid as its own scrolls go.
 */
export function pinToTail(
  bottom: () => number | false,
  scrollTo: (offset: number) => void,
): Attachment<HTMLElement> {
  return (element) => {
    const observer = new ResizeObserver(() => {
      const offset = bottom();
      if (offset !== false) scrollTo(offset);
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
