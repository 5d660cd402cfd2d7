import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { QueueOverview } from '../api';
import { json, stubFetch } from '../test/fetchMock';
import { QueuePage } from './QueuePage';

const overview: QueueOverview = {
  generated_at: '2026-11-29T05:00:00Z',
  stream: { name: 'resume:jobs', length: 12, pending: 3, delayed: 1, dead_letters: 0 },
  consumers: [
    { name: 'worker-1-abc', pending: 2, idle_ms: 1234, in_flight: 2, last_seen: '2026-11-29T04:59:59Z' },
    { name: 'worker-2-def', pending: 0, idle_ms: 125_000, in_flight: null, last_seen: null },
  ],
  jobs: { pending: 5, processing: 2 },
  last_hour: { completed: 40, failed: 1, cancelled: 0, cached: 10, cache_hit_rate: null, failure_rate: null },
  dashboard_url: 'http://localhost:15080',
};

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

function stat(label: string): string | null | undefined {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
}

describe('QueuePage', () => {
  it('shows the stream, the consumers and the last hour, with "—" for rates that have no data', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-29T05:00:00Z') });
    stubFetch((call) => (call.path === '/api/admin/queue' ? json(overview) : undefined));
    render(<QueuePage />);
    await advance(0);

    expect(screen.getByRole('heading', { name: 'Queue overview' })).toBeTruthy();
    expect(stat('Stream length')).toBe('12');
    expect(stat('Pending (delivered, not acked)')).toBe('3');
    expect(stat('Delayed retries')).toBe('1');
    expect(stat('Dead letters')).toBe('0');
    expect(stat('Jobs pending')).toBe('5');
    expect(stat('Jobs processing')).toBe('2');
    expect(stat('Completed')).toBe('40');
    expect(stat('Cached')).toBe('10');
    expect(stat('Cache hit rate')).toBe('—');
    expect(stat('Failure rate')).toBe('—');

    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.slice(1).map((r) => Array.from(r.children).map((c) => c.textContent))).toEqual([
      ['worker-1-abc', '2', '1.2 s', '2', 'just now'],
      ['worker-2-def', '0', '2 min 5 s', '—', '—'],
    ]);
    expect(screen.getByRole('link', { name: 'Open the Aspire dashboard' }).getAttribute('href')).toBe('http://localhost:15080');
    expect(screen.getByText(/Updated 0 s ago/)).toBeTruthy();
  });

  it('shows rates as percentages, refreshes every 2 s and says how old the numbers are', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-29T05:00:00Z') });
    let reads = 0;
    const net = stubFetch((call) => {
      if (call.path !== '/api/admin/queue') return undefined;
      reads += 1;
      if (reads === 1) return json({ ...overview, last_hour: { ...overview.last_hour, cache_hit_rate: 0.25, failure_rate: 0.024 }, dashboard_url: null });
      return json({ title: 'Server error' }, 500);
    });
    render(<QueuePage />);
    await advance(0);
    expect(stat('Cache hit rate')).toBe('25%');
    expect(stat('Failure rate')).toBe('2.4%');
    expect(screen.queryByRole('link', { name: 'Open the Aspire dashboard' })).toBeNull();

    await advance(2_000);
    expect(net.calls).toHaveLength(2);
    // A failed refresh keeps the last numbers and says so.
    expect(stat('Cache hit rate')).toBe('25%');
    expect(screen.getByRole('alert').textContent).toBe('Server error.');
    await advance(3_000);
    expect(screen.getByText(/Updated 5 s ago/)).toBeTruthy();
  });

  it('explains a 403 and stops asking', async () => {
    vi.useFakeTimers();
    const net = stubFetch(() => json({ title: 'Forbidden', status: 403 }, 403));
    render(<QueuePage />);
    await advance(0);
    expect(screen.getByText('The queue overview is for administrators only.')).toBeTruthy();
    await advance(10_000);
    expect(net.calls).toHaveLength(1);
  });
});
