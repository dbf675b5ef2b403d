import { describe, expect, it } from 'vitest';
import { isQuotaError } from '../../../../src/lib/record/frame-store';

describe('isQuotaError', () => {
  it('knows a quota error, bare or wrapped in an abort', () => {
    expect(isQuotaError(new DOMException('', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('Quota exceeded.', 'AbortError'))).toBe(true);
    expect(isQuotaError(new DOMException('aborted by the user', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
