import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../../src/lib/ws/backoff';

describe('reconnectDelayMs', () => {
  it('doubles from one second up to thirty', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(reconnectDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});
