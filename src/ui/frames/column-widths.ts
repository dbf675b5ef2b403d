import type { Attachment } from 'svelte/attachments';
import type { ColumnWidths } from '../../lib/display/column-widths';

/**
 * Puts the dragged column widths on the grid as custom properties (`--frame-col-time: 120px`), which the header's and
 * the rows' column template reads (FrameGrid): a drag restyles one element and re-renders no row. A column never
 * dragged has none, and keeps the layout's own width. Set through the CSSOM, which the page's CSP allows.
 */
export function columnWidths(widths: () => ColumnWidths): Attachment<HTMLElement> {
  return (element) => {
    for (const [column, width] of Object.entries(widths())) {
      if (width === null) element.style.removeProperty(`--frame-col-${column}`);
      else element.style.setProperty(`--frame-col-${column}`, `${width}px`);
    }
  };
}
