import type { Candidate } from '../api';

/** The whole profile, read-only, as the resume generator will see it. */
export function CandidateProfile({ candidate: c }: { candidate: Candidate }) {
  const contact = [c.email, c.phone, c.location].filter(Boolean);
  return (
    <div className="profile">
      {c.headline && <p className="headline">{c.headline}</p>}
      {contact.length > 0 && (
        <p className="contact">
          {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
          {[c.phone, c.location].filter(Boolean).map((part) => (
            <span key={part}>{part}</span>
          ))}
        </p>
      )}

      <h3>Summary</h3>
      {c.summary ? <p className="summary">{c.summary}</p> : <p className="muted">No summary.</p>}

      <h3>Skills</h3>
      {c.skills.length > 0 ? (
        <ul className="chips" aria-label="Skills">
          {c.skills.map((s, i) => (
            <li key={i} className="chip">
              {s}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No skills listed.</p>
      )}

      <h3>Experience</h3>
      {c.experience.length > 0 ? (
        <ol className="entries-list">
          {c.experience.map((e, i) => (
            <li key={i}>
              <p className="entry-title">
                <strong>{e.title}</strong> — {e.company}
              </p>
              {(e.start_date || e.end_date) && (
                <p className="muted">
                  {e.start_date ?? '?'} – {e.end_date ?? 'present'}
                </p>
              )}
              {e.bullets.length > 0 && (
                <ul className="bullets">
                  {e.bullets.map((b, j) => (
                    <li key={j}>{b}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No experience listed.</p>
      )}

      <h3>Education</h3>
      {c.education.length > 0 ? (
        <ul className="entries-list">
          {c.education.map((e, i) => (
            <li key={i}>
              <strong>{e.school}</strong>
              {e.degree && <>, {e.degree}</>}
              {e.year && <span className="muted"> ({e.year})</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No education listed.</p>
      )}
    </div>
  );
}
