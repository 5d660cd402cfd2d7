import { useId, useState, type FormEvent } from 'react';
import { api, type FileType, type GenerateRequest, type TemplateName } from '../api';
import { useJobs } from '../context/jobsContext';
import { saveFile } from '../download';
import { assignErrors, describedBy, validationErrors } from '../fieldErrors';
import { FILE_TYPE_LABELS, TEMPLATE_LABELS } from '../format';
import { navigate } from '../routes';
import { FormErrors } from './FormErrors';
import { FieldError } from './FieldError';
import { TextField } from './TextField';

/** The Api's limit on a job description, in characters. */
export const MAX_JOB_DESCRIPTION = 20_000;

type Mode = 'async' | 'sync';

/** Which control shows each of the Api's generate errors; anything else goes above the button. */
const FIELD_OF: Record<string, string> = {
  job_id: 'jobRef',
  job_description: 'description',
  file_type: 'fileType',
  template: 'template',
  candidate_id: 'candidate',
};

const count = (n: number) => n.toLocaleString('en-US');

export function GeneratePanel({ candidateId }: { candidateId: string }) {
  const jobs = useJobs();
  const [jobRef, setJobRef] = useState('');
  const [description, setDescription] = useState('');
  const [fileType, setFileType] = useState<FileType>('word');
  const [template, setTemplate] = useState<TemplateName>('classic');
  const [mode, setMode] = useState<Mode>('async');
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<{ text: string; showJobs: boolean } | null>(null);
  const id = useId();

  const length = description.length;
  const tooLong = length > MAX_JOB_DESCRIPTION;
  const invalid = validationErrors(error);
  const { fields, general } = invalid
    ? assignErrors(invalid, (key, m) => (FIELD_OF[key] ? { field: FIELD_OF[key], message: m } : null))
    : { fields: {} as Record<string, string[]>, general: [] as string[] };
  // The candidate has no control here: its messages join the form-level ones, with the field named.
  const formMessages = [...(fields.candidate ?? []).map((m) => `Candidate: ${m}`), ...general];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong || busy) return;
    const request: GenerateRequest = {
      candidate_id: candidateId,
      job_id: jobRef.trim(),
      job_description: description,
      file_type: fileType,
      template,
    };
    setBusy(mode);
    setError(null);
    setMessage(null);
    try {
      if (mode === 'sync') {
        const file = await api.generateSync(request);
        saveFile(file.blob, file.fileName);
        setMessage({
          text: `Downloaded ${file.fileName}${file.matchScore !== null ? ` (match score ${file.matchScore}%)` : ''}.`,
          showJobs: false,
        });
      } else {
        const accepted = await api.generate(request);
        jobs.trackStarted(accepted, request);
        setMessage({
          text: accepted.cached
            ? 'Job queued — follow it in My jobs. It is already done: the result came from the cache.'
            : 'Job queued — follow it in My jobs.',
          showJobs: true,
        });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="generate" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Generate a resume</h3>
      <TextField
        id={`${id}-jobref`}
        label="Job reference"
        placeholder="e.g. JOB-001"
        hint="Your own reference for the job posting."
        required
        maxLength={100}
        value={jobRef}
        onChange={setJobRef}
        errors={fields.jobRef}
        wide
      />
      <TextField
        id={`${id}-description`}
        label="Job description"
        rows={8}
        required
        value={description}
        onChange={setDescription}
        errors={fields.description}
        invalid={tooLong}
        hint={
          <span className={tooLong ? 'counter over' : 'counter'}>
            {count(length)} / {count(MAX_JOB_DESCRIPTION)} characters
            {tooLong ? ` — too long by ${count(length - MAX_JOB_DESCRIPTION)}` : ''}
          </span>
        }
      />
      {/* The counter changes on every keystroke; announce only crossing the limit. */}
      <p className="visually-hidden" aria-live="polite">
        {tooLong ? 'The job description is too long.' : ''}
      </p>

      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-filetype`}>File type</label>
          <select
            id={`${id}-filetype`}
            value={fileType}
            onChange={(e) => setFileType(e.target.value as FileType)}
            aria-invalid={fields.fileType ? true : undefined}
            aria-describedby={describedBy(fields.fileType && `${id}-filetype-error`)}
          >
            {Object.entries(FILE_TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-filetype-error`} messages={fields.fileType} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-template`}>Template</label>
          <select
            id={`${id}-template`}
            value={template}
            onChange={(e) => setTemplate(e.target.value as TemplateName)}
            aria-invalid={fields.template ? true : undefined}
            aria-describedby={describedBy(fields.template && `${id}-template-error`)}
          >
            {Object.entries(TEMPLATE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-template-error`} messages={fields.template} />
        </div>
      </div>

      <fieldset className="mode">
        <legend>Mode</legend>
        <div className="radios">
          <label className="radio">
            <input type="radio" name={`${id}-mode`} value="async" checked={mode === 'async'} onChange={() => setMode('async')} aria-describedby={`${id}-async-hint`} />
            Async
          </label>
          <label className="radio">
            <input type="radio" name={`${id}-mode`} value="sync" checked={mode === 'sync'} onChange={() => setMode('sync')} aria-describedby={`${id}-sync-hint`} />
            Sync
          </label>
        </div>
        <small id={`${id}-async-hint`} className="hint">
          Async queues the job and returns at once: keep working and follow it in My jobs.
        </small>
        <small id={`${id}-sync-hint`} className="hint">
          Sync waits for the document and downloads it here.
        </small>
      </fieldset>
      {mode === 'sync' && (
        <p className="notice warning">
          <strong>Sync mode blocks until the document is ready.</strong> This can take a minute; the file downloads when it is done.
        </p>
      )}

      <FormErrors error={error} invalid={!!invalid} messages={formMessages} />

      <div className="actions">
        <button type="submit" disabled={tooLong || busy !== null}>
          Generate
        </button>
        {busy === 'sync' && (
          <span className="busy" role="status">
            <span className="spinner" aria-hidden="true" /> Generating the document… please wait.
          </span>
        )}
        {busy === 'async' && <span className="muted">Queuing…</span>}
      </div>
      <div role="status" className="generate-status">
        {message && (
          <p className="success">
            {message.text}{' '}
            {message.showJobs && (
              <button type="button" className="link" onClick={() => navigate({ page: 'jobs' })}>
                Show the job list
              </button>
            )}
          </p>
        )}
      </div>
    </form>
  );
}
