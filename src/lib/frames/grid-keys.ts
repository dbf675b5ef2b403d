/**
 * The grid's keyboard: how far a key moves the selection. The moves are unbounded on purpose (Home and End are
 * infinite): the selection clamps them to the rows there are.
 */

/** Rows in a Page Up or Page Down: a screenful, less the row's height the sticky header takes, and at least one. */
export function rowsPerPage(viewport: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewport / rowHeight) - 1);
}

/** How many rows `key` moves the selection, or undefined when the grid leaves the key alone. */
export function selectionStep(key: string, pageRows: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return 1;
    case 'ArrowUp':
      return -1;
    case 'PageDown':
      return pageRows;
    case 'PageUp':
      return -pageRows;
    case 'Home':
      return -Infinity;
    case 'End':
      return Infinity;
    default:
      return undefined;
  }
}
