import { useEffect, useRef, useState } from 'react';
import { api, type Candidate } from '../api';
import { ErrorMessage } from './ErrorMessage';

interface DeleteCandidateProps {
  candidate: Candidate;
  onDeleted: () => void;
  onKeep: () => void;
}

/** The confirm step of Delete: nothing is deleted until the user says so a second time. */
export function DeleteCandidate({ candidate, onDeleted, onKeep }: DeleteCandidateProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const keepRef = useRef<HTMLButtonElement>(null);

  // Focus the safe choice, so a stray Enter does not delete.
  useEffect(() => keepRef.current?.focus(), []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await api.deleteCandidate(candidate.id);
      onDeleted();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="confirm" role="group" aria-labelledby="confirm-delete-text">
      <p id="confirm-delete-text">
        Delete <strong>{candidate.full_name}</strong>? Their profile is removed for good; resumes already generated stay in My jobs.
      </p>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="danger" onClick={confirm} disabled={busy}>
          Delete candidate
        </button>
        <button ref={keepRef} type="button" className="secondary" onClick={onKeep} disabled={busy}>
          Keep
        </button>
      </div>
    </div>
  );
}
