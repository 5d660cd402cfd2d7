// The user's jobs as the app knows them: loaded pages of my-jobs, merged with live progress
// events, status re-reads and polling results. Pure, so the merge rules are easy to follow.
import { isActiveStatus, type Job, type JobPage, type JobProgressEvent, type LiveState } from '../api';

export interface PollState {
  /** Status requests made for this job since polling (re)started. */
  tries: number;
  /** The try limit was reached while the job was still running. */
  gaveUp: boolean;
}

export interface JobsState {
  jobs: Record<string, Job>;
  /** Job ids, newest first. */
  order: string[];
  /** Jobs the server has for this user (for "load more"). */
  total: number;
  pagesLoaded: number;
  loading: boolean;
  loadError: unknown;
  live: LiveState;
  poll: Record<string, PollState>;
  /** Jobs submitted from this tab: only these download automatically. */
  startedHere: Record<string, true>;
}

export type JobsAction =
  | { type: 'loadStarted' }
  | { type: 'pageLoaded'; page: JobPage }
  | { type: 'loadFailed'; error: unknown }
  | { type: 'jobLoaded'; job: Job }
  | { type: 'progress'; event: JobProgressEvent }
  | { type: 'started'; job: Job }
  | { type: 'polled'; id: string; job: Job | null; maxTries: number }
  | { type: 'pollRestarted'; id: string }
  | { type: 'live'; state: LiveState };

export const initialJobsState: JobsState = {
  jobs: {},
  order: [],
  total: 0,
  pagesLoaded: 0,
  loading: true,
  loadError: null,
  live: 'connecting',
  poll: {},
  startedHere: {},
};

function newestFirst(jobs: Record<string, Job>): (a: string, b: string) => number {
  return (a, b) => {
    const byTime = Date.parse(jobs[b].created_at) - Date.parse(jobs[a].created_at);
    if (byTime) return byTime;
    return a < b ? 1 : a > b ? -1 : 0; // ids are UUID v7: later ids sort higher
  };
}

/**
 * A read that was already in flight when a job finished can arrive after the final status: never
 * let it turn a finished job back into a running one.
 */
function mergeJob(existing: Job | undefined, incoming: Job): Job {
  if (existing && !isActiveStatus(existing.status) && isActiveStatus(incoming.status)) return existing;
  return incoming.status === 'COMPLETED' ? { ...incoming, progress: 100 } : incoming;
}

function withJobs(state: JobsState, incoming: Job[]): JobsState {
  const jobs = { ...state.jobs };
  let added = 0;
  for (const job of incoming) {
    if (!jobs[job.id]) added += 1;
    jobs[job.id] = mergeJob(jobs[job.id], job);
  }
  const order = added > 0 ? [...Object.keys(jobs)].sort(newestFirst(jobs)) : state.order;
  return { ...state, jobs, order, total: state.total + added };
}

export function jobsReducer(state: JobsState, action: JobsAction): JobsState {
  switch (action.type) {
    case 'loadStarted':
      return { ...state, loading: true, loadError: null };

    case 'pageLoaded': {
      const next = withJobs(state, action.page.items);
      return {
        ...next,
        // The server's count already includes every job on this page.
        total: Math.max(action.page.total, next.order.length),
        pagesLoaded: Math.max(state.pagesLoaded, action.page.page),
        loading: false,
        loadError: null,
      };
    }

    case 'loadFailed':
      return { ...state, loading: false, loadError: action.error };

    case 'jobLoaded':
      return withJobs(state, [action.job]);

    case 'started': {
      const next = state.jobs[action.job.id] ? state : withJobs(state, [action.job]);
      return { ...next, startedHere: { ...next.startedHere, [action.job.id]: true } };
    }

    case 'progress': {
      const { event } = action;
      const job = state.jobs[event.job_id];
      if (!job || (!isActiveStatus(job.status) && isActiveStatus(event.status))) return state;
      const updated: Job = {
        ...job,
        status: event.status,
        progress: event.status === 'COMPLETED' ? 100 : (event.progress ?? job.progress),
        stage: event.stage ?? job.stage,
        error: event.error ?? job.error,
      };
      return { ...state, jobs: { ...state.jobs, [job.id]: updated } };
    }

    case 'polled': {
      const next = action.job ? withJobs(state, [action.job]) : state;
      const tries = (state.poll[action.id]?.tries ?? 0) + 1;
      const job = next.jobs[action.id];
      const gaveUp = job !== undefined && isActiveStatus(job.status) && tries >= action.maxTries;
      return { ...next, poll: { ...next.poll, [action.id]: { tries, gaveUp } } };
    }

    case 'pollRestarted': {
      const poll = { ...state.poll };
      delete poll[action.id];
      return { ...state, poll };
    }

    case 'live':
      // Live updates are back: whatever polling gave up on is followed by events again.
      return action.state === 'open' ? { ...state, live: action.state, poll: {} } : { ...state, live: action.state };
  }
}

/** Running jobs that polling should still ask about. */
export function jobsToPoll(state: JobsState): string[] {
  return state.order.filter((id) => isActiveStatus(state.jobs[id].status) && !state.poll[id]?.gaveUp);
}

export function activeJobIds(state: JobsState): string[] {
  return state.order.filter((id) => isActiveStatus(state.jobs[id].status));
}
