import { useId, useState, type FormEvent } from 'react';
import { api, type Candidate, type CandidateInput } from '../api';
import { ErrorMessage } from './ErrorMessage';

interface CandidateFormProps {
  onCreated: (candidate: Candidate) => void;
}

const EMPTY = {
  fullName: '',
  email: '',
  phone: '',
  location: '',
  headline: '',
  summary: '',
  skills: '',
  company: '',
  title: '',
  startDate: '',
  endDate: '',
  bullets: '',
  school: '',
  degree: '',
  year: '',
};

type FormValues = typeof EMPTY;

const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** Maps the flat form onto the Api's candidate shape. */
export function toCandidateInput(v: FormValues): CandidateInput {
  const hasExperience = [v.company, v.title, v.startDate, v.endDate, v.bullets].some((x) => x.trim());
  const hasEducation = [v.school, v.degree, v.year].some((x) => x.trim());
  return {
    full_name: v.fullName.trim(),
    email: orNull(v.email),
    phone: orNull(v.phone),
    location: orNull(v.location),
    headline: orNull(v.headline),
    summary: orNull(v.summary),
    skills: v.skills
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    experience: hasExperience
      ? [
          {
            company: v.company.trim(),
            title: v.title.trim(),
            start_date: orNull(v.startDate),
            end_date: orNull(v.endDate),
            bullets: v.bullets
              .split('\n')
              .map((b) => b.trim())
              .filter(Boolean),
          },
        ]
      : [],
    education: hasEducation ? [{ school: v.school.trim(), degree: orNull(v.degree), year: orNull(v.year) }] : [],
  };
}

export function CandidateForm({ onCreated }: CandidateFormProps) {
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const field = (name: keyof FormValues, label: string, props: { type?: string; required?: boolean; placeholder?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={props.type ?? 'text'}
        required={props.required}
        placeholder={props.placeholder}
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      />
    </div>
  );

  const area = (name: keyof FormValues, label: string, hint?: string) => (
    <div className="field wide">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <textarea
        id={`${id}-${name}`}
        rows={3}
        aria-describedby={hint ? `${id}-${name}-hint` : undefined}
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      />
      {hint && (
        <small id={`${id}-${name}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.createCandidate(toCandidateInput(values));
      onCreated(created);
      setValues(EMPTY);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="candidate-form" onSubmit={submit} aria-label="New candidate">
      <fieldset>
        <legend>Profile</legend>
        <div className="grid">
          {field('fullName', 'Full name', { required: true })}
          {field('email', 'Email', { type: 'email' })}
          {field('phone', 'Phone', { type: 'tel' })}
          {field('location', 'Location')}
          {field('headline', 'Headline', { placeholder: 'e.g. Senior backend engineer' })}
          {field('skills', 'Skills (comma-separated)', { placeholder: 'C#, PostgreSQL, Redis' })}
        </div>
        {area('summary', 'Summary')}
      </fieldset>
      <fieldset>
        <legend>Experience</legend>
        <div className="grid">
          {field('company', 'Company')}
          {field('title', 'Job title')}
          {field('startDate', 'Start date', { placeholder: '2021-03' })}
          {field('endDate', 'End date', { placeholder: 'present' })}
        </div>
        {area('bullets', 'Achievements', 'One per line.')}
      </fieldset>
      <fieldset>
        <legend>Education</legend>
        <div className="grid">
          {field('school', 'School')}
          {field('degree', 'Degree')}
          {field('year', 'Year')}
        </div>
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Create candidate'}
      </button>
    </form>
  );
}
