import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, type Candidate } from '../api';
import {
  candidateFormErrors,
  emptyCandidateForm,
  emptyEducation,
  emptyExperience,
  formFromCandidate,
  toCandidateInput,
  type CandidateFormValues,
  type EducationValues,
  type ExperienceValues,
} from '../candidateFormModel';
import { validationErrors } from '../fieldErrors';
import { FormErrors } from './FormErrors';
import { FieldError } from './FieldError';
import { TextField } from './TextField';

interface CandidateFormProps {
  /** The candidate to edit; without it the form creates a new one. */
  candidate?: Candidate;
  onSaved: (candidate: Candidate) => void;
  onCancel?: () => void;
}

/** Create and edit share this form; editing replaces the whole profile (PUT). */
export function CandidateForm({ candidate, onSaved, onCancel }: CandidateFormProps) {
  const [values, setValues] = useState<CandidateFormValues>(() => (candidate ? formFromCandidate(candidate) : emptyCandidateForm()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  const invalid = validationErrors(error);
  const { fields, general } = invalid ? candidateFormErrors(invalid, values) : { fields: {}, general: [] };

  // After a rejected save, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    if (invalid) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [invalid]);

  const set = <K extends keyof CandidateFormValues>(name: K) => (value: CandidateFormValues[K]) => setValues((v) => ({ ...v, [name]: value }));

  const setExperience = (index: number, patch: Partial<ExperienceValues>) =>
    setValues((v) => ({ ...v, experience: v.experience.map((e, i) => (i === index ? { ...e, ...patch } : e)) }));
  const setEducation = (index: number, patch: Partial<EducationValues>) =>
    setValues((v) => ({ ...v, education: v.education.map((e, i) => (i === index ? { ...e, ...patch } : e)) }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = toCandidateInput(values);
      const saved = candidate ? await api.updateCandidate(candidate.id, input) : await api.createCandidate(input);
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="candidate-form" onSubmit={submit} aria-label={candidate ? `Edit ${candidate.full_name}` : 'New candidate'}>
      <fieldset>
        <legend>Profile</legend>
        <div className="grid">
          <TextField id={`${id}-full-name`} label="Full name" required autoComplete="off" value={values.fullName} onChange={set('fullName')} errors={fields.full_name} />
          <TextField id={`${id}-email`} label="Email" type="email" autoComplete="off" value={values.email} onChange={set('email')} errors={fields.email} />
          <TextField id={`${id}-phone`} label="Phone" type="tel" autoComplete="off" value={values.phone} onChange={set('phone')} errors={fields.phone} />
          <TextField id={`${id}-location`} label="Location" value={values.location} onChange={set('location')} errors={fields.location} />
          <TextField
            id={`${id}-headline`}
            label="Headline"
            placeholder="e.g. Senior backend engineer"
            value={values.headline}
            onChange={set('headline')}
            errors={fields.headline}
            wide
          />
        </div>
        <TextField id={`${id}-summary`} label="Summary" rows={4} value={values.summary} onChange={set('summary')} errors={fields.summary} />
        <TextField
          id={`${id}-skills`}
          label="Skills"
          placeholder="C#, PostgreSQL, Redis"
          hint="Separate skills with commas."
          value={values.skills}
          onChange={set('skills')}
          errors={fields.skills}
          wide
        />
      </fieldset>

      <section className="entries" aria-labelledby={`${id}-experience-title`}>
        <h3 id={`${id}-experience-title`}>Experience</h3>
        <FieldError id={`${id}-experience-error`} messages={fields.experience} />
        {values.experience.length === 0 && <p className="muted">No experience added.</p>}
        {values.experience.map((entry, i) => {
          const prefix = `experience[${i}]`;
          const entryId = `${id}-exp-${entry.key}`;
          return (
            <fieldset key={entry.key} aria-describedby={fields[prefix] ? `${entryId}-error` : undefined}>
              <legend>Experience {i + 1}</legend>
              <FieldError id={`${entryId}-error`} messages={fields[prefix]} />
              <div className="grid">
                <TextField id={`${entryId}-company`} label="Company" required value={entry.company} onChange={(company) => setExperience(i, { company })} errors={fields[`${prefix}.company`]} />
                <TextField id={`${entryId}-title`} label="Title" required value={entry.title} onChange={(title) => setExperience(i, { title })} errors={fields[`${prefix}.title`]} />
                <TextField
                  id={`${entryId}-start`}
                  label="Start date"
                  placeholder="e.g. 2021-03"
                  value={entry.startDate}
                  onChange={(startDate) => setExperience(i, { startDate })}
                  errors={fields[`${prefix}.start_date`]}
                />
                <TextField
                  id={`${entryId}-end`}
                  label="End date"
                  placeholder="e.g. present"
                  value={entry.endDate}
                  onChange={(endDate) => setExperience(i, { endDate })}
                  errors={fields[`${prefix}.end_date`]}
                />
              </div>
              <TextField
                id={`${entryId}-bullets`}
                label="Bullets"
                rows={4}
                hint="One achievement per line."
                value={entry.bullets}
                onChange={(bullets) => setExperience(i, { bullets })}
                errors={fields[`${prefix}.bullets`]}
              />
              <button
                type="button"
                className="secondary small"
                onClick={() => setValues((v) => ({ ...v, experience: v.experience.filter((e) => e.key !== entry.key) }))}
              >
                Remove experience {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="secondary" onClick={() => setValues((v) => ({ ...v, experience: [...v.experience, emptyExperience()] }))}>
          Add experience
        </button>
      </section>

      <section className="entries" aria-labelledby={`${id}-education-title`}>
        <h3 id={`${id}-education-title`}>Education</h3>
        <FieldError id={`${id}-education-error`} messages={fields.education} />
        {values.education.length === 0 && <p className="muted">No education added.</p>}
        {values.education.map((entry, i) => {
          const prefix = `education[${i}]`;
          const entryId = `${id}-edu-${entry.key}`;
          return (
            <fieldset key={entry.key} aria-describedby={fields[prefix] ? `${entryId}-error` : undefined}>
              <legend>Education {i + 1}</legend>
              <FieldError id={`${entryId}-error`} messages={fields[prefix]} />
              <div className="grid">
                <TextField id={`${entryId}-school`} label="School" required value={entry.school} onChange={(school) => setEducation(i, { school })} errors={fields[`${prefix}.school`]} />
                <TextField id={`${entryId}-degree`} label="Degree" value={entry.degree} onChange={(degree) => setEducation(i, { degree })} errors={fields[`${prefix}.degree`]} />
                <TextField id={`${entryId}-year`} label="Year" value={entry.year} onChange={(year) => setEducation(i, { year })} errors={fields[`${prefix}.year`]} />
              </div>
              <button
                type="button"
                className="secondary small"
                onClick={() => setValues((v) => ({ ...v, education: v.education.filter((e) => e.key !== entry.key) }))}
              >
                Remove education {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="secondary" onClick={() => setValues((v) => ({ ...v, education: [...v.education, emptyEducation()] }))}>
          Add education
        </button>
      </section>

      <FormErrors error={error} invalid={!!invalid} messages={general} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save candidate'}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
