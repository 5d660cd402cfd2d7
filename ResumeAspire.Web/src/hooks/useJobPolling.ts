import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, isActiveStatus, type Job } from '../api';

export const POLL_INTERVAL_MS = 2_000;
export const POLL_MAX_TRIES = 60;

export interface JobPollingOptions {
  /** The job as last seen (e.g. from the my-jobs list); polling runs only while it is PENDING or PROCESSING. */
  initial?: Job | null;
  intervalMs?: number;
  maxTries?: number;
  enabled?: boolean;
  /** Defaults to api.getJob; tests pass a fake. */
  fetchJob?: (id: string, signal: AbortSignal) => Promise<Job>;
}

export interface JobPollingState {
  job: Job | null;
  /** Status requests made in the current polling run. */
  tries: number;
  /** True when the try limit was reached while the job was still running. */
  gaveUp: boolean;
  error: ApiError | null;
  /** Replace the job (e.g. after a cancel); a final status stops polling. */
  update: (job: Job) => void;
  /** Start a fresh polling run after giving up. */
  restart: () => void;
}

/**
 * Polls a job's status every `intervalMs` (2 s) for at most `maxTries` (60) requests, stopping
 * early when the job reaches a final status. Errors other than 401/404 count as a try and polling
 * goes on (a blip in the network should not freeze the bar).
 */
export function useJobPolling(jobId: string, options: JobPollingOptions = {}): JobPollingState {
  const {
    initial = null,
    intervalMs = POLL_INTERVAL_MS,
    maxTries = POLL_MAX_TRIES,
    enabled = true,
    fetchJob = api.getJob,
  } = options;

  const [job, setJob] = useState<Job | null>(initial);
  const [tries, setTries] = useState(0);
  const [gaveUp, setGaveUp] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Kept in a ref so that an inline function does not restart the polling run on every render.
  const fetchRef = useRef(fetchJob);
  useEffect(() => {
    fetchRef.current = fetchJob;
  });

  // A changed copy from the parent (e.g. the list was reloaded) replaces ours. Compared by content,
  // so a caller that builds a new object on every render does not cause a render loop.
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const initialKey = initial
    ? [initial.id, initial.status, initial.progress, initial.stage, initial.attempts, initial.completed_at].join('|')
    : '';
  useEffect(() => {
    if (initialRef.current) {
      setJob(initialRef.current);
    }
  }, [initialKey]);

  const running = enabled && !gaveUp && error === null && (job === null || isActiveStatus(job.status));

  useEffect(() => {
    if (!running) {
      return;
    }
    let stopped = false;
    let count = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    setTries(0);

    const tick = async () => {
      count += 1;
      setTries(count);
      try {
        const latest = await fetchRef.current(jobId, controller.signal);
        if (stopped) return;
        setJob(latest);
        if (!isActiveStatus(latest.status)) return; // final: the effect ends with `running`
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
          setError(err);
          return;
        }
      }
      if (count >= maxTries) {
        setGaveUp(true);
        return;
      }
      timer = setTimeout(tick, intervalMs);
    };

    timer = setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [running, jobId, intervalMs, maxTries]);

  const update = useCallback((next: Job) => setJob(next), []);
  const restart = useCallback(() => {
    setError(null);
    setGaveUp(false);
  }, []);

  return { job, tries, gaveUp, error, update, restart };
}
