import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { GeneratePanel } from '../components/GeneratePanel';
import { MyJobsPage } from '../pages/MyJobsPage';
import { saveSettings, DEFAULT_SETTINGS } from '../settings';
import { eventStream, file, json, stubFetch } from '../test/fetchMock';
import { makeCandidate, makeJob, page, stubDownloads } from '../test/jobs';
import { renderWithProviders } from '../test/renderWithProviders';

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const article = (ref: string) => screen.getByRole('article', { name: `Job ${ref}` });

describe('My jobs with live updates', () => {
  it('moves the progress bar with server-sent events and re-reads the job when it completes', async () => {
    const stream = eventStream();
    const done = makeJob({
      status: 'COMPLETED',
      progress: 100,
      stage: 'done',
      match_score: 73,
      matched_keywords: ['C#'],
      missing_keywords: ['Kubernetes', 'Terraform'],
      download_url: '/api/resume-async/download/job-1',
    });
    const net = stubFetch((call) => {
      if (call.path.startsWith('/api/resume-async/my-jobs')) return json(page([makeJob()]));
      if (call.path === '/api/resume-async/events') return stream.response;
      if (call.path === '/api/resume-async/job-status/job-1') return json(done);
      if (call.path === '/api/candidates') return json([makeCandidate()]);
      return undefined;
    });
    renderWithProviders(<MyJobsPage />);

    const card = await screen.findByRole('article', { name: 'Job JOB-001' });
    expect(within(card).getByText('Pending')).toBeTruthy();
    expect(within(card).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
    await screen.findByText('Live updates are on.');

    stream.progress({ job_id: 'job-1', status: 'PROCESSING', progress: 40, stage: 'tailoring', error: null });
    await waitFor(() => expect(within(article('JOB-001')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40'));
    expect(within(article('JOB-001')).getByText('40%')).toBeTruthy();
    expect(within(article('JOB-001')).getByText('Tailoring')).toBeTruthy();
    expect(within(article('JOB-001')).getByText('Processing')).toBeTruthy();
    expect(within(article('JOB-001')).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(net.callsTo('GET', '/api/resume-async/job-status')).toHaveLength(0);

    stream.progress({ jobId: 'job-1', status: 'COMPLETED', progress: 100, stage: 'done', error: null });
    await waitFor(() => expect(within(article('JOB-001')).getByText('Completed')).toBeTruthy());
    const completed = article('JOB-001');
    expect(within(completed).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await waitFor(() => expect(within(completed).getByText('73%')).toBeTruthy());
    expect(within(completed).getByText(/Kubernetes, Terraform/)).toBeTruthy();
    expect(within(completed).getByRole('button', { name: 'Download' })).toBeTruthy();
    expect(within(completed).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(completed).getByText(/Jane Doe/)).toBeTruthy();
    expect(net.callsTo('GET', '/api/resume-async/job-status/job-1')).toHaveLength(1);
  });

  it('falls back to polling job-status every 2 s when the event stream is not available', async () => {
    vi.useFakeTimers();
    let reads = 0;
    const net = stubFetch((call) => {
      if (call.path.startsWith('/api/resume-async/my-jobs')) return json(page([makeJob({ status: 'PROCESSING', progress: 10 })]));
      if (call.path === '/api/resume-async/events') return json({ title: 'Service unavailable' }, 503);
      if (call.path === '/api/resume-async/job-status/job-1') {
        reads += 1;
        return json(reads < 3 ? makeJob({ status: 'PROCESSING', progress: 30 * reads }) : makeJob({ status: 'COMPLETED', progress: 100, match_score: 80 }));
      }
      if (call.path === '/api/candidates') return json([]);
      return undefined;
    });
    renderWithProviders(<MyJobsPage />);
    await advance(0);
    expect(within(article('JOB-001')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('10');

    // Three failed connections (about 1 s and 2 s apart) before giving up on live updates.
    await advance(3_700);
    expect(net.callsTo('GET', '/api/resume-async/events')).toHaveLength(3);
    expect(screen.getByText(/Live updates are unavailable — checking running jobs every 2 s/)).toBeTruthy();
    expect(reads).toBe(0);

    await advance(2_000);
    expect(reads).toBe(1);
    expect(within(article('JOB-001')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('30');
    await advance(2_000);
    expect(reads).toBe(2);
    await advance(2_000);
    expect(reads).toBe(3);
    expect(within(article('JOB-001')).getByText('Completed')).toBeTruthy();
    expect(within(article('JOB-001')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

    // A finished job is not asked about again.
    await advance(20_000);
    expect(reads).toBe(3);
  });

  it('re-reads running jobs every 15 s while the event stream stays silent', async () => {
    vi.useFakeTimers();
    const net = stubFetch((call) => {
      if (call.path.startsWith('/api/resume-async/my-jobs')) return json(page([makeJob({ status: 'PROCESSING', progress: 20 })]));
      // Connected, but the server has not sent its headers yet: neither open nor failed.
      if (call.path === '/api/resume-async/events') return new Promise<Response>(() => {});
      if (call.path === '/api/resume-async/job-status/job-1') return json(makeJob({ status: 'COMPLETED', progress: 100 }));
      if (call.path === '/api/candidates') return json([]);
      return undefined;
    });
    renderWithProviders(<MyJobsPage />);
    await advance(0);
    expect(screen.getByText('Listening for live updates…')).toBeTruthy();
    await advance(14_000);
    expect(net.callsTo('GET', '/api/resume-async/job-status')).toHaveLength(0);
    await advance(1_000);
    expect(net.callsTo('GET', '/api/resume-async/job-status')).toHaveLength(1);
    expect(within(article('JOB-001')).getByText('Completed')).toBeTruthy();
  });

  it('stops polling after the try limit and offers to check again instead of spinning forever', async () => {
    vi.useFakeTimers();
    const net = stubFetch((call) => {
      if (call.path.startsWith('/api/resume-async/my-jobs')) return json(page([makeJob({ status: 'PROCESSING', progress: 50 })]));
      if (call.path === '/api/resume-async/events') return Promise.reject(new TypeError('Failed to fetch'));
      if (call.path === '/api/resume-async/job-status/job-1') return json(makeJob({ status: 'PROCESSING', progress: 50 }));
      if (call.path === '/api/candidates') return json([]);
      return undefined;
    });
    const statusReads = () => net.callsTo('GET', '/api/resume-async/job-status').length;
    renderWithProviders(<MyJobsPage />);
    await advance(3_700); // live updates given up

    await advance(2_000 * 59);
    expect(statusReads()).toBe(59);
    expect(screen.queryByText(/check back later/)).toBeNull();

    await advance(2_000);
    expect(statusReads()).toBe(60);
    expect(within(article('JOB-001')).getByText(/Still running — check back later/)).toBeTruthy();

    await advance(2_000 * 30);
    expect(statusReads()).toBe(60);

    fireEvent.click(within(article('JOB-001')).getByRole('button', { name: 'Check again' }));
    await advance(0);
    expect(statusReads()).toBe(61);
    expect(screen.queryByText(/check back later/)).toBeNull();
    await advance(2_000);
    expect(statusReads()).toBe(62);
  });
});

describe('automatic download', () => {
  function setup(stream: ReturnType<typeof eventStream>) {
    const other = makeJob({ id: 'job-other', job_ref: 'JOB-OTHER', status: 'PROCESSING', progress: 20 });
    const net = stubFetch((call) => {
      if (call.path.startsWith('/api/resume-async/my-jobs')) return json(page([other]));
      if (call.path === '/api/resume-async/events') return stream.response;
      if (call.method === 'POST' && call.path === '/api/resume-async/generate-async') {
        return json({ job_id: 'job-mine', status: 'PENDING', progress: 0, cached: false, created_at: '2026-11-29T05:00:00Z' }, 202);
      }
      if (call.path === '/api/resume-async/job-status/job-mine') {
        return json(makeJob({ id: 'job-mine', job_ref: 'JOB-MINE', status: 'COMPLETED', progress: 100, created_at: '2026-11-29T05:00:00Z' }));
      }
      if (call.path === '/api/resume-async/job-status/job-other') {
        return json({ ...other, status: 'COMPLETED', progress: 100 });
      }
      if (call.path.startsWith('/api/resume-async/download/')) return file('Jane_Doe_JOB-MINE.docx');
      if (call.path === '/api/candidates') return json([makeCandidate()]);
      return undefined;
    });
    renderWithProviders(
      <>
        <GeneratePanel candidateId="cand-1" />
        <MyJobsPage />
      </>,
    );
    return net;
  }

  async function startMyJob(stream: ReturnType<typeof eventStream>) {
    await screen.findByRole('article', { name: 'Job JOB-OTHER' });
    await screen.findByText('Live updates are on.');
    fireEvent.change(screen.getByLabelText('Job reference'), { target: { value: 'JOB-MINE' } });
    fireEvent.change(screen.getByLabelText('Job description'), { target: { value: 'Senior C# engineer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByText(/Job queued — follow it in My jobs/);
    // Both jobs finish; only the one started here may download.
    stream.progress({ job_id: 'job-mine', status: 'COMPLETED', progress: 100, stage: 'done', error: null });
    stream.progress({ job_id: 'job-other', status: 'COMPLETED', progress: 100, stage: 'done', error: null });
    await waitFor(() => expect(within(article('JOB-OTHER')).getByText('Completed')).toBeTruthy());
    await waitFor(() => expect(within(article('JOB-MINE')).getByText('Completed')).toBeTruthy());
  }

  it('downloads a job started in this tab once, says so in a toast, and leaves other jobs alone', async () => {
    const downloads = stubDownloads();
    const stream = eventStream();
    const net = setup(stream);
    await startMyJob(stream);

    const toast = await screen.findByText(/Resume JOB-MINE downloaded/);
    expect(toast.closest('[role="status"]')).toBeTruthy();
    expect(downloads.clicks).toEqual(['Jane_Doe_JOB-MINE.docx']);

    // The same final event again (a reconnect, a re-read) must not download twice.
    stream.progress({ job_id: 'job-mine', status: 'COMPLETED', progress: 100, stage: 'done', error: null });
    await new Promise((r) => setTimeout(r, 50));
    expect(net.callsTo('GET', '/api/resume-async/download/job-mine')).toHaveLength(1);
    expect(net.callsTo('GET', '/api/resume-async/download/job-other')).toHaveLength(0);
    expect(downloads.clicks).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(screen.queryByText(/Resume JOB-MINE downloaded/)).toBeNull();
  });

  it('does not download when the setting is off, but says the resume is ready', async () => {
    saveSettings({ ...DEFAULT_SETTINGS, autoDownload: false });
    const downloads = stubDownloads();
    const stream = eventStream();
    const net = setup(stream);
    await startMyJob(stream);

    await screen.findByText(/Resume JOB-MINE is ready/);
    expect(net.callsTo('GET', '/api/resume-async/download/')).toHaveLength(0);
    expect(downloads.clicks).toHaveLength(0);
    expect(screen.queryByText(/downloaded/)).toBeNull();
  });

  it('shows an error toast when a job started here fails', async () => {
    const stream = eventStream();
    stubFetch((call) => {
      if (call.path.startsWith('/api/resume-async/my-jobs')) return json(page([]));
      if (call.path === '/api/resume-async/events') return stream.response;
      if (call.path === '/api/resume-async/generate-async') return json({ job_id: 'job-f', status: 'PENDING' }, 202);
      if (call.path === '/api/resume-async/job-status/job-f') {
        return json(makeJob({ id: 'job-f', job_ref: 'JOB-F', status: 'FAILED', error: 'The LLM call timed out.' }));
      }
      return json([]);
    });
    renderWithProviders(<GeneratePanel candidateId="cand-1" />);
    fireEvent.change(screen.getByLabelText('Job reference'), { target: { value: 'JOB-F' } });
    fireEvent.change(screen.getByLabelText('Job description'), { target: { value: 'Anything' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const toast = await screen.findByText('Job JOB-F failed: The LLM call timed out.');
    expect(toast.closest('[role="alert"]')).toBeTruthy();
  });
});
