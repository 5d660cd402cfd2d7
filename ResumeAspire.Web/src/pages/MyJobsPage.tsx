import { api, type LiveState } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { JobCard } from '../components/JobCard';
import { useJobs } from '../context/jobsContext';
import { useSettings } from '../context/settingsContext';
import { useApiData } from '../hooks/useApiData';
import { useNow } from '../hooks/useNow';

function liveText(live: LiveState, intervalMs: number): string {
  switch (live) {
    case 'open':
      return 'Live updates are on.';
    case 'unavailable':
      return `Live updates are unavailable — checking running jobs every ${Math.round(intervalMs / 100) / 10} s.`;
    default:
      // Also what a silent stream looks like before its first event: keep it true either way.
      return 'Listening for live updates…';
  }
}

export function MyJobsPage() {
  const jobs = useJobs();
  const { settings } = useSettings();
  const now = useNow(5_000);
  // Only for showing whose resume each job is; the jobs themselves do not need it.
  const { data: candidates } = useApiData('candidates', (signal) => api.listCandidates(signal));
  const names = new Map(candidates?.map((c) => [c.id, c.full_name]));
  const firstLoad = jobs.loading && jobs.jobs.length === 0;

  return (
    <section className="card page" aria-labelledby="jobs-title">
      <div className="page-head">
        <h2 id="jobs-title">My jobs</h2>
        <button type="button" className="secondary" onClick={jobs.refresh} disabled={jobs.loading}>
          Refresh
        </button>
      </div>
      <p className={`live live-${jobs.live}`}>
        <span className="live-dot" aria-hidden="true" /> {liveText(jobs.live, settings.pollIntervalMs)}
      </p>
      <ErrorMessage error={jobs.loadError} />
      {firstLoad && (
        <p className="muted" role="status">
          Loading jobs…
        </p>
      )}
      {!firstLoad && jobs.jobs.length === 0 && !jobs.loadError && (
        <p className="empty">No jobs yet — open a candidate and generate a resume.</p>
      )}
      {jobs.jobs.length > 0 && (
        <div className="job-list">
          {jobs.jobs.map((job) => (
            <JobCard key={job.id} job={job} candidateName={names.get(job.candidate_id)} gaveUp={jobs.poll[job.id]?.gaveUp} now={now} />
          ))}
        </div>
      )}
      {jobs.jobs.length > 0 && (
        <div className="list-foot">
          <span className="muted">
            Showing {jobs.jobs.length} of {jobs.total}
          </span>
          {jobs.hasMore && (
            <button type="button" className="secondary" onClick={jobs.loadMore} disabled={jobs.loading}>
              {jobs.loading ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
