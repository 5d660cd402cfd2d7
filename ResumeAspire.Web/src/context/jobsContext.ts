import { createContext, useContext } from 'react';
import type { GenerateAccepted, GenerateRequest, Job, LiveState } from '../api';
import type { PollState } from './jobsReducer';

export interface JobsContextValue {
  /** Newest first. */
  jobs: Job[];
  total: number;
  hasMore: boolean;
  loading: boolean;
  loadError: unknown;
  /** How updates arrive: `unavailable` means the app is polling instead of listening. */
  live: LiveState;
  poll: Record<string, PollState>;
  startedHere: Record<string, true>;
  /** Follows a job just submitted from this tab (it downloads automatically when it completes). */
  trackStarted: (accepted: GenerateAccepted, request: GenerateRequest) => void;
  loadMore: () => void;
  refresh: () => void;
  /** Re-reads a job that polling gave up on, and polls it again. */
  checkAgain: (id: string) => void;
  /** Throws the Api's error (409 when the job had already finished); the job is re-read either way. */
  cancel: (id: string) => Promise<void>;
  download: (id: string) => Promise<string>;
}

export const JobsContext = createContext<JobsContextValue | null>(null);

export function useJobs(): JobsContextValue {
  const value = useContext(JobsContext);
  if (!value) throw new Error('useJobs needs a JobsProvider above it.');
  return value;
}
