import { median, percentile } from '../../bench/support/stats.js';

describe('percentile (nearest rank)', () => {
  const values = [15, 20, 35, 40, 50];

  it('answers the smallest value with at least p% of the values at or below it', () => {
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
  });

  it('answers the smallest value for p = 0 and does not care about input order', () => {
    expect(percentile([50, 15, 40, 20, 35], 0)).toBe(15);
    expect(percentile([50, 15, 40, 20, 35], 75)).toBe(40);
  });

  it('refuses an empty list, as median does', () => {
    expect(() => percentile([], 50)).toThrow('percentile of nothing');
    expect(() => median([])).toThrow('median of nothing');
  });
});
