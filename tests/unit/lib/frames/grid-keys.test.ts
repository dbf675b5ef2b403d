import { describe, expect, it } from 'vitest';
import { rowsPerPage, selectionStep } from '../../../../src/lib/frames/grid-keys';

describe('rowsPerPage', () => {
  it('is a screenful of rows less the header, and at least one', () => {
    expect(rowsPerPage(240, 24)).toBe(9);
    expect(rowsPerPage(250, 24)).toBe(9);
    expect(rowsPerPage(30, 24)).toBe(1);
    expect(rowsPerPage(0, 24)).toBe(1);
  });
});

describe('selectionStep', () => {
  it('moves by a row, a page, or to either end', () => {
    expect(selectionStep('ArrowDown', 9)).toBe(1);
    expect(selectionStep('ArrowUp', 9)).toBe(-1);
    expect(selectionStep('PageDown', 9)).toBe(9);
    expect(selectionStep('PageUp', 9)).toBe(-9);
    expect(selectionStep('Home', 9)).toBe(-Infinity);
    expect(selectionStep('End', 9)).toBe(Infinity);
  });

  it('leaves other keys alone', () => {
    expect(selectionStep('Enter', 9)).toBeUndefined();
    expect(selectionStep('a', 9)).toBeUndefined();
    expect(selectionStep('ArrowLeft', 9)).toBeUndefined();
  });
});
