import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Job } from '../api';
import { JobRow } from './JobRow';

const base: Job = {
  id: 'j1',
  job_ref: 'JOB-001',
  candidate_id: 'c1',
  status: 'COMPLETED',
  progress: 100,
  stage: 'done',
  attempts: 1,
  error: null,
  cached: false,
  match_score: 73,
  matched_keywords: ['C#'],
  missing_keywords: ['Kubernetes', 'Go'],
  created_at: '2025-01-01T00:00:00Z',
  started_at: '2025-01-01T00:00:01Z',
  completed_at: '2025-01-01T00:00:05Z',
  download_url: '/api/resume-async/download/j1',
};

describe('JobRow', () => {
  it('offers Download for a completed job and shows its score and missing keywords', () => {
    render(<JobRow job={base} candidateName="Jane Doe" />);
    expect(screen.getByRole('button', { name: 'Download resume JOB-001 for Jane Doe' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
    expect(screen.getByText('Match score: 73%')).toBeTruthy();
    expect(screen.getByText(/Kubernetes, Go/)).toBeTruthy();
  });

  it('offers Cancel while the job is running', () => {
    render(<JobRow job={{ ...base, status: 'PROCESSING', progress: 40, download_url: null }} />);
    expect(screen.getByRole('button', { name: 'Cancel job JOB-001' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Download/ })).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
  });
});
