import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GeneratePanel, MAX_JOB_DESCRIPTION } from './GeneratePanel';

const candidates = [
  { id: 'c1', full_name: 'Jane Doe', email: null, phone: null, location: null, headline: 'Engineer', summary: null, skills: [], experience: [], education: [] },
];

describe('GeneratePanel', () => {
  it('counts characters against the limit and blocks an over-long description', () => {
    render(<GeneratePanel candidates={candidates} onGenerated={() => {}} />);

    fireEvent.change(screen.getByLabelText('Job id'), { target: { value: 'JOB-001' } });
    const description = screen.getByLabelText('Job description');
    fireEvent.change(description, { target: { value: 'Senior C# engineer' } });
    expect(screen.getByText(/18 \/ 20,000 characters/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement).disabled).toBe(false);

    fireEvent.change(description, { target: { value: 'x'.repeat(MAX_JOB_DESCRIPTION + 1) } });
    expect(screen.getByText(/20,001 \/ 20,000 characters — too long/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
