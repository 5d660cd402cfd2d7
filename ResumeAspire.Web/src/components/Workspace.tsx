import { useState } from 'react';
import { useCandidates } from '../hooks/useCandidates';
import { CandidateForm } from './CandidateForm';
import { CandidateList } from './CandidateList';
import { ErrorMessage } from './ErrorMessage';
import { GeneratePanel } from './GeneratePanel';
import { JobsList } from './JobsList';

/** The signed-in page: candidates, the generate panel and the user's jobs. */
export function Workspace() {
  const candidates = useCandidates();
  const [jobsKey, setJobsKey] = useState(0);
  const [showForm, setShowForm] = useState(false);

  return (
    <div className="workspace">
      <section className="card" aria-labelledby="candidates-title">
        <h2 id="candidates-title">Candidates</h2>
        <ErrorMessage error={candidates.error} />
        <CandidateList candidates={candidates.candidates} loading={candidates.loading} />
        <button type="button" className="secondary" aria-expanded={showForm} onClick={() => setShowForm((s) => !s)}>
          {showForm ? 'Close the form' : 'New candidate'}
        </button>
        {showForm && (
          <CandidateForm
            onCreated={(created) => {
              candidates.add(created);
              setShowForm(false);
            }}
          />
        )}
      </section>

      <section className="card" aria-labelledby="generate-title">
        <h2 id="generate-title">Generate a resume</h2>
        <GeneratePanel candidates={candidates.candidates} onGenerated={() => setJobsKey((k) => k + 1)} />
      </section>

      <section className="card wide" aria-labelledby="jobs-title">
        <h2 id="jobs-title">My jobs</h2>
        <JobsList candidates={candidates.candidates} refreshKey={jobsKey} />
      </section>
    </div>
  );
}
