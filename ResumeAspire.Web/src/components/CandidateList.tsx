import type { Candidate } from '../api';

interface CandidateListProps {
  candidates: Candidate[];
  loading: boolean;
}

export function CandidateList({ candidates, loading }: CandidateListProps) {
  if (loading && candidates.length === 0) {
    return <p className="muted">Loading candidates…</p>;
  }
  if (candidates.length === 0) {
    return <p className="muted">No candidates yet. Create one below.</p>;
  }
  return (
    <ul className="candidate-list" aria-label="Candidates">
      {candidates.map((c) => (
        <li key={c.id}>
          <strong>{c.full_name}</strong>
          {c.headline && <span className="muted"> — {c.headline}</span>}
          {c.skills.length > 0 && (
            <div className="skills" aria-label={`Skills of ${c.full_name}`}>
              {c.skills.slice(0, 8).map((s) => (
                <span key={s} className="chip">
                  {s}
                </span>
              ))}
              {c.skills.length > 8 && <span className="muted">+{c.skills.length - 8} more</span>}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
