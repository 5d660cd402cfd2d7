import { useState } from 'react';
import { api, ApiError } from '../api';
import { CandidateProfile } from '../components/CandidateProfile';
import { DeleteCandidate } from '../components/DeleteCandidate';
import { ErrorMessage } from '../components/ErrorMessage';
import { GeneratePanel } from '../components/GeneratePanel';
import { useToasts } from '../context/toastContext';
import { useApiData } from '../hooks/useApiData';
import { navigate, routeHref } from '../routes';

export function CandidateDetailPage({ id }: { id: string }) {
  const toasts = useToasts();
  const { data: candidate, error } = useApiData(id, (signal) => api.getCandidate(id, signal));
  const [confirming, setConfirming] = useState(false);

  if (!candidate) {
    return (
      <section className="card page">
        {error ? (
          <>
            <ErrorMessage
              error={error instanceof ApiError && error.status === 404 ? new Error('This candidate was not found. It may have been deleted.') : error}
            />
            <a href={routeHref({ page: 'candidates' })}>Back to the list</a>
          </>
        ) : (
          <p className="muted" role="status">
            Loading the profile…
          </p>
        )}
      </section>
    );
  }

  return (
    <div className="detail">
      <section className="card page" aria-labelledby="candidate-name">
        <p className="crumbs">
          <a href={routeHref({ page: 'candidates' })}>Back to the list</a>
        </p>
        <div className="page-head">
          <h2 id="candidate-name">{candidate.full_name}</h2>
          {!confirming && (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => navigate({ page: 'edit-candidate', id: candidate.id })}>
                Edit
              </button>
              <button type="button" className="secondary danger-text" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </div>
          )}
        </div>
        {confirming && (
          <DeleteCandidate
            candidate={candidate}
            onKeep={() => setConfirming(false)}
            onDeleted={() => {
              toasts.show(`Deleted ${candidate.full_name}.`, 'info');
              navigate({ page: 'candidates' });
            }}
          />
        )}
        <CandidateProfile candidate={candidate} />
      </section>
      <section className="card page">
        <GeneratePanel candidateId={candidate.id} />
      </section>
    </div>
  );
}
