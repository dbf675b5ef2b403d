import type { UnnumberedRecord } from '../../../src/lib/model/frame';

/** A text record at time t. */
export const text = (t: number, body: string, dir: 'in' | 'out' = 'in'): UnnumberedRecord => ({
  kind: 'text',
  dir,
  t,
  text: body,
  size: new TextEncoder().encode(body).length,
});
