import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Job } from '../api';
import { eventStream, json, stubFetch } from '../test/fetchMock';
import { makeJob } from '../test/jobs';
import { renderWithProviders } from '../test/renderWithProviders';
import { JobCard } from './JobCard';

function renderCard(job: Job, routes: (path: string, method: string) => Response | undefined = () => undefined) {
  const net = stubFetch((call) => {
    if (call.path.startsWith('/api/resume-async/my-jobs')) return json({ items: [job], page: 1, page_size: 20, total: 1 });
    if (call.path === '/api/resume-async/events') return eventStream().response;
    return routes(call.path, call.method);
  });
  renderWithProviders(<JobCard job={job} candidateName="Jane Doe" now={Date.parse('2026-11-29T04:00:30Z')} />);
  return net;
}

describe('JobCard', () => {
  it('shows a completed job’s score, keywords, cached marker and note, and offers Download only', () => {
    renderCard(
      makeJob({
        status: 'COMPLETED',
        progress: 100,
        cached: true,
        match_score: 73,
        matched_keywords: ['C#', 'Redis'],
        missing_keywords: ['Kubernetes'],
        note: 'The LLM was unavailable; the offline tailor wrote this resume.',
        attempts: 2,
      }),
    );
    const card = screen.getByRole('article', { name: 'Job JOB-001' });
    expect(within(card).getByText('Completed')).toBeTruthy();
    expect(within(card).getByText('Cached')).toBeTruthy();
    expect(within(card).getByText('73%')).toBeTruthy();
    expect(within(card).getByText('Keywords: 2 matched, 1 missing').closest('details')).toBeTruthy();
    expect(within(card).getByText(/C#, Redis/)).toBeTruthy();
    expect(within(card).getByText(/The LLM was unavailable/)).toBeTruthy();
    expect(within(card).getByText('2')).toBeTruthy(); // attempts
    expect(card.querySelector('.job-sub')?.textContent).toBe('Jane Doe · Word (.docx) · Classic template · created 30 s ago');
    expect(within(card).getByRole('button', { name: 'Download' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows why a job failed', () => {
    renderCard(makeJob({ status: 'FAILED', progress: 60, stage: 'tailoring', error: 'Moved to dead letters after 3 attempts.' }));
    const card = screen.getByRole('article', { name: 'Job JOB-001' });
    expect(within(card).getByText('Failed')).toBeTruthy();
    expect(within(card).getByText('Failed: Moved to dead letters after 3 attempts.')).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
  });

  it('cancels a running job, and explains a 409 (already finished) in words', async () => {
    let cancelled = false;
    const net = renderCard(makeJob({ status: 'PROCESSING', progress: 40 }), (path, method) => {
      if (method === 'DELETE') {
        cancelled = true;
        return json({ title: 'Already finished', status: 409, detail: 'The job has already reached a final state and cannot be cancelled.' }, 409);
      }
      if (path === '/api/resume-async/job-status/job-1') return json(makeJob({ status: cancelled ? 'COMPLETED' : 'PROCESSING', progress: 100 }));
      return undefined;
    });
    const card = screen.getByRole('article', { name: 'Job JOB-001' });
    fireEvent.click(within(card).getByRole('button', { name: 'Cancel' }));
    expect(await within(card).findByText('This job had already finished, so there was nothing to cancel.')).toBeTruthy();
    expect(net.callsTo('DELETE', '/api/resume-async/job/job-1')).toHaveLength(1);
    expect(within(card).queryByText(/409|\{/)).toBeNull();
  });
});
