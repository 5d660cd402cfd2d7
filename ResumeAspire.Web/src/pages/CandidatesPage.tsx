import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { useApiData } from '../hooks/useApiData';
import { navigate, routeHref } from '../routes';

export function CandidatesPage() {
  const { data: candidates, error, loading } = useApiData('candidates', (signal) => api.listCandidates(signal));

  return (
    <section className="card page" aria-labelledby="candidates-title">
      <div className="page-head">
        <h2 id="candidates-title">Candidates</h2>
        <button type="button" onClick={() => navigate({ page: 'new-candidate' })}>
          New candidate
        </button>
      </div>
      <ErrorMessage error={error} />
      {loading && !candidates && (
        <p className="muted" role="status">
          Loading candidates…
        </p>
      )}
      {candidates && candidates.length === 0 && <p className="empty">No candidates yet — create one.</p>}
      {candidates && candidates.length > 0 && (
        <ul className="candidate-list">
          {candidates.map((c) => (
            <li key={c.id}>
              <a className="candidate-link" href={routeHref({ page: 'candidate', id: c.id })}>
                {c.full_name}
              </a>
              {(c.headline || c.location) && <p className="muted">{[c.headline, c.location].filter(Boolean).join(' · ')}</p>}
              {c.skills.length > 0 && (
                <ul className="chips" aria-label={`Skills of ${c.full_name}`}>
                  {c.skills.slice(0, 8).map((s, i) => (
                    <li key={i} className="chip">
                      {s}
                    </li>
                  ))}
                  {c.skills.length > 8 && <li className="muted">+{c.skills.length - 8} more</li>}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
