import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { api, isActiveStatus, subscribeJobEvents, type GenerateAccepted, type GenerateRequest, type Job } from '../api';
import { errorText } from '../errorText';
import { saveFile } from '../download';
import { JobsContext, type JobsContextValue } from './jobsContext';
import { activeJobIds, initialJobsState, jobsReducer, jobsToPoll } from './jobsReducer';
import { useSettings } from './settingsContext';
import { useToasts } from './toastContext';

export const JOBS_PAGE_SIZE = 20;
/** While not polling, running jobs are re-read this often anyway. */
export const RESYNC_MS = 15_000;

/**
 * Owns the user's jobs for the whole signed-in session, above the pages, so that following a job
 * (live events, polling, automatic download) goes on while the user works elsewhere in the app.
 */
export function JobsProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(jobsReducer, initialJobsState);
  const { settings } = useSettings();
  const toasts = useToasts();
  // Event and timer callbacks read the latest state from here instead of re-subscribing.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  const announced = useRef(new Set<string>());
  const rereads = useRef(new Map<string, Promise<void>>());

  const reread = useCallback((id: string): Promise<void> => {
    // One read per job at a time: a burst of events for one job needs only one answer.
    const inFlight = rereads.current.get(id);
    if (inFlight) return inFlight;
    const read = api
      .getJob(id)
      .then((job) => dispatch({ type: 'jobLoaded', job }))
      .catch(() => {
        // Polling or the next event will try again; a job that is gone stays as last seen.
      })
      .finally(() => rereads.current.delete(id));
    rereads.current.set(id, read);
    return read;
  }, []);

  const loadPage = useCallback((page: number) => {
    dispatch({ type: 'loadStarted' });
    api.listJobs(page, JOBS_PAGE_SIZE).then(
      (result) => dispatch({ type: 'pageLoaded', page: result }),
      (error: unknown) => dispatch({ type: 'loadFailed', error }),
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.listJobs(1, JOBS_PAGE_SIZE, controller.signal).then(
      (result) => dispatch({ type: 'pageLoaded', page: result }),
      (error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'loadFailed', error });
      },
    );
    return () => controller.abort();
  }, []);

  // Live progress for as long as the user is signed in; aborted on sign-out (this unmounts).
  useEffect(() => {
    const controller = new AbortController();
    void subscribeJobEvents({
      signal: controller.signal,
      onState: (live) => {
        dispatch({ type: 'live', state: live });
        // Events sent while disconnected are gone: catch up on whatever was running.
        if (live === 'open') activeJobIds(stateRef.current).forEach((id) => void reread(id));
      },
      onProgress: (event) => {
        if (stateRef.current.jobs[event.job_id]) {
          dispatch({ type: 'progress', event });
        }
        // A final status needs the full record (score, keywords, download link); an unknown job
        // (started in another tab) needs it to be shown at all.
        if (!stateRef.current.jobs[event.job_id] || !isActiveStatus(event.status)) {
          void reread(event.job_id);
        }
      },
    });
    return () => controller.abort();
  }, [reread]);

  // Fallback when live updates are unavailable: poll each running job, up to the try limit.
  const { pollIntervalMs, maxPollTries } = settings;
  useEffect(() => {
    if (state.live !== 'unavailable') return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await Promise.all(
        jobsToPoll(stateRef.current).map((id) =>
          api.getJob(id, controller.signal).then(
            (job) => dispatch({ type: 'polled', id, job, maxTries: maxPollTries }),
            () => {
              if (!controller.signal.aborted) dispatch({ type: 'polled', id, job: null, maxTries: maxPollTries });
            },
          ),
        ),
      );
      if (!controller.signal.aborted) timer = setTimeout(tick, pollIntervalMs);
    };
    timer = setTimeout(tick, pollIntervalMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [state.live, pollIntervalMs, maxPollTries]);

  // Unless polling already does it, re-read running jobs now and then: progress notifications are
  // best effort, and a stream may stay silent (a server that sends its headers with the first event
  // looks the same as one that never answers).
  const polling = state.live === 'unavailable';
  useEffect(() => {
    if (polling) return;
    const timer = setInterval(() => activeJobIds(stateRef.current).forEach((id) => void reread(id)), RESYNC_MS);
    return () => clearInterval(timer);
  }, [polling, reread]);

  // A job started in this tab that reached its end: download it (if the user wants that) and say so, once.
  const { autoDownload } = settings;
  useEffect(() => {
    for (const id of Object.keys(state.startedHere)) {
      const job = state.jobs[id];
      if (!job || isActiveStatus(job.status) || announced.current.has(id)) continue;
      announced.current.add(id);
      if (job.status === 'COMPLETED' && autoDownload) {
        api.downloadJob(id).then(
          (file) => {
            saveFile(file.blob, file.fileName);
            toasts.show(`Resume ${job.job_ref} downloaded (${file.fileName}).`, 'success');
          },
          (err: unknown) => toasts.show(`Resume ${job.job_ref} is ready, but the download failed: ${errorText(err)}`, 'error'),
        );
      } else if (job.status === 'COMPLETED') {
        toasts.show(`Resume ${job.job_ref} is ready. Download it from My jobs.`, 'success');
      } else if (job.status === 'FAILED') {
        toasts.show(`Job ${job.job_ref} failed${job.error ? `: ${job.error}` : '.'}`, 'error');
      }
    }
  }, [state.jobs, state.startedHere, autoDownload, toasts]);

  const trackStarted = useCallback(
    (accepted: GenerateAccepted, request: GenerateRequest) => {
      const job: Job = {
        id: accepted.job_id,
        job_ref: request.job_id.trim(),
        candidate_id: request.candidate_id,
        file_type: request.file_type,
        template: request.template,
        status: accepted.status,
        progress: accepted.progress ?? 0,
        stage: null,
        attempts: 0,
        error: null,
        note: null,
        cached: accepted.cached ?? false,
        match_score: null,
        matched_keywords: [],
        missing_keywords: [],
        created_at: accepted.created_at ?? new Date().toISOString(),
        started_at: null,
        completed_at: null,
        download_url: accepted.download_url ?? null,
      };
      dispatch({ type: 'started', job });
      void reread(job.id);
    },
    [reread],
  );

  const checkAgain = useCallback(
    (id: string) => {
      dispatch({ type: 'pollRestarted', id });
      void reread(id);
    },
    [reread],
  );

  const cancel = useCallback(
    async (id: string) => {
      try {
        await api.cancelJob(id);
      } finally {
        void reread(id);
      }
    },
    [reread],
  );

  const download = useCallback(async (id: string) => {
    const file = await api.downloadJob(id);
    saveFile(file.blob, file.fileName);
    return file.fileName;
  }, []);

  const { pagesLoaded } = state;
  const loadMore = useCallback(() => loadPage(pagesLoaded + 1), [loadPage, pagesLoaded]);
  const refresh = useCallback(() => loadPage(1), [loadPage]);

  const value = useMemo<JobsContextValue>(
    () => ({
      jobs: state.order.map((id) => state.jobs[id]),
      total: state.total,
      hasMore: state.order.length < state.total,
      loading: state.loading,
      loadError: state.loadError,
      live: state.live,
      poll: state.poll,
      startedHere: state.startedHere,
      trackStarted,
      loadMore,
      refresh,
      checkAgain,
      cancel,
      download,
    }),
    [state, trackStarted, loadMore, refresh, checkAgain, cancel, download],
  );

  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>;
}
