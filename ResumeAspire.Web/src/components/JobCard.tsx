import { useState } from 'react';
import { ApiError, isActiveStatus, type Job } from '../api';
import { useJobs } from '../context/jobsContext';
import { FILE_TYPE_LABELS, TEMPLATE_LABELS, timeAgo } from '../format';
import { ErrorMessage } from './ErrorMessage';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

interface JobCardProps {
  job: Job;
  candidateName?: string;
  /** Polling gave up while the job was still running. */
  gaveUp?: boolean;
  now: number;
}

export function JobCard({ job, candidateName, gaveUp = false, now }: JobCardProps) {
  const jobs = useJobs();
  const [busy, setBusy] = useState<'download' | 'cancel' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const active = isActiveStatus(job.status);
  const progress = job.status === 'COMPLETED' ? 100 : job.progress;
  const details = [
    candidateName,
    job.file_type ? (FILE_TYPE_LABELS[job.file_type] ?? job.file_type) : null,
    job.template ? `${TEMPLATE_LABELS[job.template] ?? job.template} template` : null,
  ].filter(Boolean);

  async function download() {
    setBusy('download');
    setError(null);
    setNotice(null);
    try {
      const fileName = await jobs.download(job.id);
      setNotice(`Downloaded ${fileName}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  async function cancel() {
    setBusy('cancel');
    setError(null);
    setNotice(null);
    try {
      await jobs.cancel(job.id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setNotice('This job had already finished, so there was nothing to cancel.');
      } else {
        setError(err);
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <article className={`job-card job-${job.status.toLowerCase()}`} aria-label={`Job ${job.job_ref}`}>
      <div className="job-head">
        <h3>{job.job_ref}</h3>
        <StatusBadge status={job.status} />
        {job.cached && (
          <span className="chip chip-cached" title="Served from the result cache: the same profile and job description were generated recently.">
            Cached
          </span>
        )}
      </div>
      <p className="muted job-sub">
        {details.join(' · ')}
        {details.length > 0 && ' · '}
        <time dateTime={job.created_at}>created {timeAgo(job.created_at, now)}</time>
      </p>

      <ProgressBar value={progress} label={`Progress of ${job.job_ref}`} stage={active || job.status === 'FAILED' ? job.stage : null} />

      <dl className="job-facts">
        {job.match_score !== null && job.match_score !== undefined && (
          <div>
            <dt>Match score</dt>
            <dd>{job.match_score}%</dd>
          </div>
        )}
        <div>
          <dt>Attempts</dt>
          <dd>{job.attempts}</dd>
        </div>
      </dl>

      {(job.matched_keywords?.length > 0 || job.missing_keywords?.length > 0) && (
        <details className="keywords">
          <summary>
            Keywords: {job.matched_keywords.length} matched, {job.missing_keywords.length} missing
          </summary>
          <p>
            <strong>Matched:</strong> {job.matched_keywords.length ? job.matched_keywords.join(', ') : 'none'}
          </p>
          <p>
            <strong>Missing:</strong> {job.missing_keywords.length ? job.missing_keywords.join(', ') : 'none'}
          </p>
        </details>
      )}

      {job.note && <p className="job-note">Note: {job.note}</p>}
      {job.status === 'FAILED' && <p className="error">{job.error ? `Failed: ${job.error}` : 'The job failed.'}</p>}
      {active && gaveUp && (
        <div className="notice">
          <p>Still running — check back later. The app stopped checking after many tries.</p>
          <button type="button" className="secondary small" onClick={() => jobs.checkAgain(job.id)}>
            Check again
          </button>
        </div>
      )}
      {notice && <p className="muted">{notice}</p>}
      <ErrorMessage error={error} />

      {(active || job.status === 'COMPLETED') && (
        <div className="actions">
          {job.status === 'COMPLETED' && (
            <button type="button" onClick={download} disabled={busy !== null} aria-busy={busy === 'download'}>
              Download
            </button>
          )}
          {active && (
            <button type="button" className="secondary" onClick={cancel} disabled={busy !== null} aria-busy={busy === 'cancel'}>
              Cancel
            </button>
          )}
        </div>
      )}
    </article>
  );
}
