import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, timeAgo } from './format';

describe('format', () => {
  it('shows rates as percentages and a dash for none', () => {
    expect(formatRate(0.25)).toBe('25%');
    expect(formatRate(0.024)).toBe('2.4%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });

  it('shows durations in the largest sensible units', () => {
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400_000)).toBe('3 d');
  });

  it('says how long ago something happened', () => {
    const now = Date.parse('2026-11-29T05:00:00Z');
    expect(timeAgo('2026-11-29T04:59:58Z', now)).toBe('just now');
    expect(timeAgo('2026-11-29T04:59:30Z', now)).toBe('30 s ago');
    expect(timeAgo('2026-11-29T04:45:00Z', now)).toBe('15 min ago');
    expect(timeAgo(null, now)).toBe('—');
  });
});
