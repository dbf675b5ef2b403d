/** Bytes as people read them: 512 B, 1.5 KB, 50.0 MB (binary multiples, as DevTools shows). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

const integer = new Intl.NumberFormat('en-US');

/** 1234567 → "1,234,567". A fixed locale keeps the Frame count parseable (see docs/ui-contract.md). */
export function formatCount(count: number): string {
  return integer.format(count);
}
