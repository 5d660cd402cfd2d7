import { api, ApiError } from '../api';
import { CandidateForm } from '../components/CandidateForm';
import { ErrorMessage } from '../components/ErrorMessage';
import { useToasts } from '../context/toastContext';
import { useApiData } from '../hooks/useApiData';
import { navigate, routeHref } from '../routes';

/** Creates a candidate (no id) or edits one, with the same form. */
export function CandidateEditorPage({ id }: { id?: string }) {
  const toasts = useToasts();
  const { data: candidate, error } = useApiData(id ?? 'new', (signal) => (id ? api.getCandidate(id, signal) : Promise.resolve(undefined)));

  if (id && !candidate) {
    return (
      <section className="card page">
        {error ? (
          <>
            <ErrorMessage error={error instanceof ApiError && error.status === 404 ? new Error('This candidate was not found.') : error} />
            <a href={routeHref({ page: 'candidates' })}>Back to the list</a>
          </>
        ) : (
          <p className="muted" role="status">
            Loading…
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="card page" aria-labelledby="editor-title">
      <h2 id="editor-title">{candidate ? `Edit ${candidate.full_name}` : 'New candidate'}</h2>
      <CandidateForm
        // A fresh form per candidate: its fields are filled once, from the loaded profile.
        key={candidate?.id ?? 'new'}
        candidate={candidate}
        onSaved={(saved) => {
          toasts.show(`Saved ${saved.full_name}.`, 'success');
          navigate({ page: 'candidate', id: saved.id });
        }}
        onCancel={() => navigate(candidate ? { page: 'candidate', id: candidate.id } : { page: 'candidates' })}
      />
    </section>
  );
}
