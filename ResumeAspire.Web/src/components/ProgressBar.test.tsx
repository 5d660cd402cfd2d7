import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from './ProgressBar';

describe('ProgressBar', () => {
  it('renders the percentage as text and as the accessible value', () => {
    render(<ProgressBar value={42} label="Progress of JOB-001" />);

    const bar = screen.getByRole('progressbar', { name: 'Progress of JOB-001' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(screen.getByText('42%')).toBeTruthy();
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('42%');
  });

  it('clamps out-of-range values', () => {
    render(<ProgressBar value={140} label="over" />);
    expect(screen.getByRole('progressbar', { name: 'over' }).getAttribute('aria-valuenow')).toBe('100');
  });
});

describe('ProgressBar stage', () => {
  it('shows the stage after the percentage and in the accessible value', () => {
    render(<ProgressBar value={40} label="Progress of JOB-002" stage="tailoring" />);
    const bar = screen.getByRole('progressbar', { name: 'Progress of JOB-002' });
    expect(bar.getAttribute('aria-valuetext')).toBe('40%, Tailoring');
    expect(screen.getByText('Tailoring')).toBeTruthy();
  });
});
