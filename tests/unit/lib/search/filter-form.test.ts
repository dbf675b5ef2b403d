import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER_FORM, parseFilterForm } from '../../../../src/lib/search/filter-form';

const START = Date.UTC(2026, 0, 2, 14, 0, 0);

describe('parseFilterForm', () => {
  it('reads an empty form as an empty filter', () => {
    expect(parseFilterForm(EMPTY_FILTER_FORM, START)).toEqual({
      ok: true,
      value: {
        text: '',
        caseSensitive: false,
        regex: false,
        direction: 'all',
        kind: 'all',
        minSize: undefined,
        maxSize: undefined,
        fromTime: undefined,
        toTime: undefined,
        json: '',
      },
    });
  });

  it('reads sizes in bytes and times as Go to does', () => {
    const parsed = parseFilterForm(
      { ...EMPTY_FILTER_FORM, text: 'x', minSize: '10', maxSize: ' 20 ', fromTime: '+90s', json: 'a = 1' },
      START,
    );
    expect(parsed.ok && parsed.value).toMatchObject({
      text: 'x',
      minSize: 10,
      maxSize: 20,
      fromTime: START + 90_000,
      toTime: undefined,
      json: 'a = 1',
    });
  });

  it('says which field it cannot read', () => {
    expect(parseFilterForm({ ...EMPTY_FILTER_FORM, minSize: '-1' }, START)).toEqual({
      ok: false,
      error: 'The smallest size must be a number of bytes.',
    });
    expect(parseFilterForm({ ...EMPTY_FILTER_FORM, toTime: 'soon' }, START)).toEqual({
      ok: false,
      error: 'The to time is not a time: write 14:03:07.250, +90s or a date and time.',
    });
  });
});
