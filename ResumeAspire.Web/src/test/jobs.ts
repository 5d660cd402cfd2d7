import { vi } from 'vitest';
import type { Candidate, Job } from '../api';

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: 'job-1',
    job_ref: 'JOB-001',
    candidate_id: 'cand-1',
    file_type: 'word',
    template: 'classic',
    status: 'PENDING',
    progress: 0,
    stage: 'queued',
    attempts: 1,
    error: null,
    note: null,
    cached: false,
    match_score: null,
    matched_keywords: [],
    missing_keywords: [],
    created_at: '2026-11-29T04:00:00Z',
    started_at: null,
    completed_at: null,
    download_url: null,
    ...overrides,
  };
}

export function makeCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'cand-1',
    full_name: 'Jane Doe',
    email: 'jane@example.com',
    phone: '+44 20 7946 0000',
    location: 'London',
    headline: 'Senior backend engineer',
    summary: 'Builds reliable systems.',
    skills: ['C#', 'PostgreSQL', 'Redis'],
    experience: [{ company: 'Acme', title: 'Engineer', start_date: '2021-03', end_date: null, bullets: ['Shipped the queue', 'Cut latency'] }],
    education: [{ school: 'University of London', degree: 'BSc', year: '2014' }],
    ...overrides,
  };
}

export const page = (items: Job[]) => ({ items, page: 1, page_size: 20, total: items.length });

/** saveFile hands a blob URL to a link: jsdom has neither blob URLs nor downloads. */
export function stubDownloads() {
  const createObjectURL = vi.fn((blob: Blob) => `blob:test/${blob.size}`);
  Object.defineProperty(URL, 'createObjectURL', { value: createObjectURL, configurable: true, writable: true });
  Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true, writable: true });
  const clicks: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this.download);
  });
  return { createObjectURL, clicks };
}
