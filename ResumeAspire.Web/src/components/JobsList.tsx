import { useCallback, useEffect, useState } from 'react';
import { api, type Candidate, type JobPage } from '../api';
import { ErrorMessage } from './ErrorMessage';
import { JobRow } from './JobRow';

const PAGE_SIZE = 20;

interface JobsListProps {
  candidates: Candidate[];
  /** Changes whenever a job was submitted, so the list reloads. */
  refreshKey: number;
}

export function JobsList({ candidates, refreshKey }: JobsListProps) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<JobPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .listJobs(page, PAGE_SIZE, controller.signal)
      .then((result) => {
        setData(result);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [page, refreshKey, reloads]);

  // A new submission shows up on the first page.
  useEffect(() => {
    setPage(1);
  }, [refreshKey]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const names = new Map(candidates.map((c) => [c.id, c.full_name]));
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <div className="jobs">
      <div className="toolbar">
        <span className="muted" aria-live="polite">
          {loading ? 'Loading…' : data ? `${data.total} job${data.total === 1 ? '' : 's'}` : ''}
        </span>
        <button type="button" className="secondary" onClick={reload} disabled={loading}>
          Refresh
        </button>
      </div>
      <ErrorMessage error={error} />
      {data && data.items.length === 0 && <p className="muted">No jobs yet. Generate a resume above.</p>}
      {data && data.items.length > 0 && (
        <ul className="job-list" aria-label="My jobs">
          {data.items.map((job) => (
            <JobRow key={job.id} job={job} candidateName={names.get(job.candidate_id)} />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="Job pages">
          <button type="button" className="secondary" onClick={() => setPage((p) => p - 1)} disabled={page <= 1 || loading}>
            Previous
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className="secondary" onClick={() => setPage((p) => p + 1)} disabled={page >= pages || loading}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
