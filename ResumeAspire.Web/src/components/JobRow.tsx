import { useState } from 'react';
import { api, isActiveStatus, type Job } from '../api';
import { saveFile } from '../download';
import { useJobPolling } from '../hooks/useJobPolling';
import { loadSettings } from '../settings';
import { ErrorMessage } from './ErrorMessage';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

interface JobRowProps {
  job: Job;
  candidateName?: string;
}

export function JobRow({ job: initial, candidateName }: JobRowProps) {
  const [settings] = useState(loadSettings);
  const polling = useJobPolling(initial.id, { initial, intervalMs: settings.pollIntervalMs, maxTries: settings.maxPollTries });
  const job = polling.job ?? initial;
  const [busy, setBusy] = useState<'download' | 'cancel' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const active = isActiveStatus(job.status);
  const label = `${job.job_ref}${candidateName ? ` for ${candidateName}` : ''}`;

  async function download() {
    setBusy('download');
    setError(null);
    try {
      const file = await api.downloadJob(job.id);
      saveFile(file.blob, file.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  async function cancel() {
    setBusy('cancel');
    setError(null);
    try {
      await api.cancelJob(job.id);
      polling.update(await api.getJob(job.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <li className="job" aria-label={`Job ${label}`}>
      <div className="job-head">
        <strong>{job.job_ref}</strong>
        {candidateName && <span className="muted">{candidateName}</span>}
        <StatusBadge status={job.status} />
        {job.cached && <span className="chip">cached</span>}
      </div>
      <ProgressBar value={job.progress} label={`Progress of ${label}`} />
      <div className="job-meta">
        {job.stage && <span>Stage: {job.stage}</span>}
        {job.match_score !== null && job.match_score !== undefined && <span>Match score: {job.match_score}%</span>}
        {job.attempts > 1 && <span>Attempts: {job.attempts}</span>}
        <span className="muted">Created {new Date(job.created_at).toLocaleString()}</span>
      </div>
      {job.missing_keywords?.length > 0 && (
        <p className="keywords">
          <span className="muted">Missing keywords:</span> {job.missing_keywords.join(', ')}
        </p>
      )}
      {job.status === 'FAILED' && job.error && <p className="error">{job.error}</p>}
      {active && polling.gaveUp && (
        <p className="notice" role="status">
          Still running — check back later.{' '}
          <button type="button" className="link" onClick={polling.restart}>
            Check again
          </button>
        </p>
      )}
      <ErrorMessage error={error} />
      <div className="actions">
        {job.status === 'COMPLETED' && (
          <button type="button" onClick={download} disabled={busy !== null} aria-label={`Download resume ${label}`}>
            {busy === 'download' ? 'Downloading…' : 'Download'}
          </button>
        )}
        {active && (
          <button type="button" className="secondary" onClick={cancel} disabled={busy !== null} aria-label={`Cancel job ${label}`}>
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
    </li>
  );
}
