/**
 * Where a key moves focus in a row of tabs (the WAI-ARIA tabs pattern): arrows to the neighbour, wrapping at the
 * ends, Home and End to the first and last; undefined for any other key.
 */
export function tabAfterKey(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
