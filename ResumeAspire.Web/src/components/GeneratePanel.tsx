import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, type Candidate, type GenerateAccepted } from '../api';
import { ErrorMessage } from './ErrorMessage';

export const MAX_JOB_DESCRIPTION = 20_000;

interface GeneratePanelProps {
  candidates: Candidate[];
  onGenerated: (accepted: GenerateAccepted) => void;
}

export function GeneratePanel({ candidates, onGenerated }: GeneratePanelProps) {
  const [candidateId, setCandidateId] = useState('');
  const [jobRef, setJobRef] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();

  // Keep the selection valid as candidates come and go; default to the newest.
  useEffect(() => {
    if (!candidates.some((c) => c.id === candidateId)) {
      setCandidateId(candidates[0]?.id ?? '');
    }
  }, [candidates, candidateId]);

  const length = description.length;
  const tooLong = length > MAX_JOB_DESCRIPTION;
  const canSubmit = !busy && candidateId !== '' && jobRef.trim() !== '' && description.trim() !== '' && !tooLong;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const accepted = await api.generate({
        candidate_id: candidateId,
        job_id: jobRef.trim(),
        job_description: description,
        file_type: 'word',
      });
      setMessage(accepted.cached ? 'Done at once: served from the cache.' : 'Queued. Follow its progress under My jobs.');
      onGenerated(accepted);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="generate" onSubmit={submit} aria-label="Generate a resume">
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-candidate`}>Candidate</label>
          <select
            id={`${id}-candidate`}
            value={candidateId}
            onChange={(e) => setCandidateId(e.target.value)}
            disabled={candidates.length === 0}
          >
            {candidates.length === 0 && <option value="">No candidates yet</option>}
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.full_name}
                {c.headline ? ` — ${c.headline}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-jobref`}>Job id</label>
          <input
            id={`${id}-jobref`}
            placeholder="JOB-001"
            maxLength={100}
            value={jobRef}
            onChange={(e) => setJobRef(e.target.value)}
          />
        </div>
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-description`}>Job description</label>
        <textarea
          id={`${id}-description`}
          rows={8}
          aria-describedby={`${id}-counter`}
          aria-invalid={tooLong}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <small id={`${id}-counter`} className={tooLong ? 'hint over' : 'hint'} aria-live="polite">
          {length.toLocaleString('en-US')} / {MAX_JOB_DESCRIPTION.toLocaleString('en-US')} characters
          {tooLong ? ' — too long' : ''}
        </small>
      </div>
      <ErrorMessage error={error} />
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      <button type="submit" disabled={!canSubmit}>
        {busy ? 'Submitting…' : 'Generate'}
      </button>
    </form>
  );
}
