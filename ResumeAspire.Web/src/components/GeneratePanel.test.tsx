import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { eventStream, file, json, problem, stubFetch } from '../test/fetchMock';
import { stubDownloads } from '../test/jobs';
import { renderWithProviders } from '../test/renderWithProviders';
import { GeneratePanel, MAX_JOB_DESCRIPTION } from './GeneratePanel';

function background(call: { path: string }) {
  if (call.path.startsWith('/api/resume-async/my-jobs')) return json({ items: [], page: 1, page_size: 20, total: 0 });
  if (call.path === '/api/resume-async/events') return eventStream().response;
  return undefined;
}

function fill(jobRef: string, description: string) {
  fireEvent.change(screen.getByLabelText('Job reference'), { target: { value: jobRef } });
  fireEvent.change(screen.getByLabelText('Job description'), { target: { value: description } });
}

const generate = () => screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;

describe('GeneratePanel', () => {
  it('counts characters against the 20,000 limit and blocks an over-long description', () => {
    stubFetch(background);
    renderWithProviders(<GeneratePanel candidateId="c1" />);

    fill('JOB-001', 'Senior C# engineer');
    expect(screen.getByText('18 / 20,000 characters')).toBeTruthy();
    expect(generate().disabled).toBe(false);

    const description = screen.getByLabelText('Job description');
    fireEvent.change(description, { target: { value: 'x'.repeat(MAX_JOB_DESCRIPTION) } });
    expect(screen.getByText('20,000 / 20,000 characters')).toBeTruthy();
    expect(generate().disabled).toBe(false);

    fireEvent.change(description, { target: { value: 'x'.repeat(MAX_JOB_DESCRIPTION + 1) } });
    expect(screen.getByText('20,001 / 20,000 characters — too long by 1')).toBeTruthy();
    expect(generate().disabled).toBe(true);
    expect(description.getAttribute('aria-invalid')).toBe('true');
    expect(description.getAttribute('aria-describedby')).toContain(screen.getByText(/20,001/).closest('small')!.id);
  });

  it('queues an async job with the chosen file type and template and says where to follow it', async () => {
    const net = stubFetch((call) =>
      call.path === '/api/resume-async/generate-async' ? json({ job_id: 'j1', status: 'PENDING' }, 202) : background(call),
    );
    renderWithProviders(<GeneratePanel candidateId="c1" />);
    fill('JOB-001', 'Senior C# engineer');
    fireEvent.change(screen.getByLabelText('File type'), { target: { value: 'pdf' } });
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'modern' } });
    expect((screen.getByRole('radio', { name: 'Async' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(generate());

    const message = await screen.findByText(/Job queued — follow it in My jobs\./);
    expect(message.closest('[role="status"]')).toBeTruthy();
    expect(net.callsTo('POST', '/api/resume-async/generate-async')[0].body).toEqual({
      candidate_id: 'c1',
      job_id: 'JOB-001',
      job_description: 'Senior C# engineer',
      file_type: 'pdf',
      template: 'modern',
    });
    expect(net.callsTo('POST', '/api/resume/generate')).toHaveLength(0);
  });

  it('in sync mode warns that it blocks, posts to /api/resume/generate and downloads the returned file', async () => {
    const downloads = stubDownloads();
    let answer!: (response: Response) => void;
    const net = stubFetch((call) =>
      call.path === '/api/resume/generate' ? new Promise<Response>((resolve) => (answer = resolve)) : background(call),
    );
    renderWithProviders(<GeneratePanel candidateId="c1" />);
    fill('JOB-002', 'Senior C# engineer');
    expect(screen.queryByText(/Sync mode blocks until the document is ready/)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Sync' }));
    expect(screen.getByText(/Sync mode blocks until the document is ready/)).toBeTruthy();

    fireEvent.click(generate());
    expect(await screen.findByText(/Generating the document/)).toBeTruthy();
    expect(generate().disabled).toBe(true);
    answer(file('Jane_Doe_JOB-002.docx', { 'X-Match-Score': '81' }));

    await screen.findByText('Downloaded Jane_Doe_JOB-002.docx (match score 81%).');
    expect(downloads.clicks).toEqual(['Jane_Doe_JOB-002.docx']);
    const [call] = net.callsTo('POST', '/api/resume/generate');
    expect(call.body).toEqual({ candidate_id: 'c1', job_id: 'JOB-002', job_description: 'Senior C# engineer', file_type: 'word', template: 'classic' });
    expect(net.callsTo('POST', '/api/resume-async/generate-async')).toHaveLength(0);
    expect(screen.queryByText(/Generating the document/)).toBeNull();
  });

  it('shows the Api’s validation messages next to the fields it rejected', async () => {
    stubFetch((call) =>
      call.path === '/api/resume-async/generate-async'
        ? problem(400, {
            job_id: ['Must be at most 100 characters.'],
            job_description: ['Must not be empty.'],
            file_type: ["Unknown file type 'odt'; supported: word, pdf."],
            template: ["Unknown template 'fancy'; supported: classic, modern."],
            candidate_id: ['No candidate with this id.'],
          })
        : background(call),
    );
    renderWithProviders(<GeneratePanel candidateId="c1" />);
    fill('JOB-003', '   ');
    fireEvent.click(generate());

    await screen.findByText('Please correct the highlighted fields.');
    const expectError = (label: string, message: string) => {
      const control = screen.getByLabelText(label);
      expect(control.getAttribute('aria-invalid')).toBe('true');
      const ids = control.getAttribute('aria-describedby')!.split(' ');
      expect(ids.map((id) => document.getElementById(id)?.textContent)).toContain(message);
      // Next to the field: in the same field wrapper.
      expect(within(control.closest('.field') as HTMLElement).getByText(message)).toBeTruthy();
    };
    expectError('Job reference', 'Must be at most 100 characters.');
    expectError('Job description', 'Must not be empty.');
    expectError('File type', "Unknown file type 'odt'; supported: word, pdf.");
    expectError('Template', "Unknown template 'fancy'; supported: classic, modern.");
    expect(within(screen.getByRole('alert')).getByText('Candidate: No candidate with this id.')).toBeTruthy();
  });

  it('shows a readable message for a failure that is not about a field', async () => {
    stubFetch((call) =>
      call.path === '/api/resume-async/generate-async'
        ? json({ title: 'Too many requests', status: 429, detail: 'You already have 100 jobs pending or processing; wait for some to finish.' }, 429)
        : background(call),
    );
    renderWithProviders(<GeneratePanel candidateId="c1" />);
    fill('JOB-004', 'Senior C# engineer');
    fireEvent.click(generate());
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('You already have 100 jobs pending or processing; wait for some to finish.'));
  });
});
