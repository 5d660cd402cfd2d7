import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobStatus } from '../api';
import { POLL_INTERVAL_MS, POLL_MAX_TRIES, useJobPolling } from './useJobPolling';

function job(status: JobStatus, progress = 10): Job {
  return {
    id: 'job-1',
    job_ref: 'JOB-001',
    candidate_id: 'cand-1',
    status,
    progress,
    stage: 'tailoring',
    attempts: 1,
    error: null,
    cached: false,
    match_score: null,
    matched_keywords: [],
    missing_keywords: [],
    created_at: '2025-01-01T00:00:00Z',
    started_at: null,
    completed_at: null,
    download_url: null,
  };
}

describe('useJobPolling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls every 2 s and stops after 60 tries while the job keeps running', async () => {
    const fetchJob = vi.fn(async () => job('PROCESSING', 50));
    const { result } = renderHook(() => useJobPolling('job-1', { initial: job('PENDING', 0), fetchJob }));

    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS - 1);
    });
    expect(fetchJob).not.toHaveBeenCalled();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(fetchJob).toHaveBeenCalledTimes(1);
    expect(result.current.job?.status).toBe('PROCESSING');

    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * (POLL_MAX_TRIES + 20));
    });
    expect(fetchJob).toHaveBeenCalledTimes(POLL_MAX_TRIES);
    expect(result.current.tries).toBe(POLL_MAX_TRIES);
    expect(result.current.gaveUp).toBe(true);
  });

  it('stops as soon as the job reaches a final status', async () => {
    const fetchJob = vi
      .fn<(id: string) => Promise<Job>>()
      .mockResolvedValueOnce(job('PROCESSING', 40))
      .mockResolvedValue(job('COMPLETED', 100));
    const { result } = renderHook(() => useJobPolling('job-1', { initial: job('PENDING', 0), fetchJob }));

    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 10);
    });
    expect(fetchJob).toHaveBeenCalledTimes(2);
    expect(result.current.job?.status).toBe('COMPLETED');
    expect(result.current.gaveUp).toBe(false);
  });

  it('does not poll a job that is already final', async () => {
    const fetchJob = vi.fn(async () => job('COMPLETED', 100));
    renderHook(() => useJobPolling('job-1', { initial: job('COMPLETED', 100), fetchJob }));

    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5);
    });
    expect(fetchJob).not.toHaveBeenCalled();
  });
});
