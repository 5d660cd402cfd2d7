import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, problem, stubFetch } from '../test/fetchMock';
import { makeCandidate } from '../test/jobs';
import { CandidateForm } from './CandidateForm';

const type = (scope: HTMLElement, label: string, value: string) => fireEvent.change(within(scope).getByLabelText(label), { target: { value } });

/** The message(s) a control's aria-describedby points at. */
function describedText(control: HTMLElement): string[] {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '');
}

describe('CandidateForm', () => {
  it('sends the profile with experience and education entries in the Api’s shape', async () => {
    const net = stubFetch((call) => (call.method === 'POST' && call.path === '/api/candidates' ? json({ ...makeCandidate(), id: 'new-1' }, 201) : undefined));
    const onSaved = vi.fn();
    render(<CandidateForm onSaved={onSaved} />);
    const form = screen.getByRole('form', { name: 'New candidate' });

    type(form, 'Full name', ' Jane Doe ');
    type(form, 'Email', 'jane@example.com');
    type(form, 'Skills', 'C#, PostgreSQL, , Redis');
    fireEvent.click(screen.getByRole('button', { name: 'Add experience' }));
    const exp = screen.getByRole('group', { name: 'Experience 1' });
    type(exp, 'Company', 'Acme');
    type(exp, 'Title', 'Engineer');
    type(exp, 'Start date', '2021-03');
    type(exp, 'Bullets', 'Shipped the queue\n\n  Cut latency  ');
    fireEvent.click(screen.getByRole('button', { name: 'Add education' }));
    type(screen.getByRole('group', { name: 'Education 1' }), 'School', 'University of London');
    fireEvent.click(screen.getByRole('button', { name: 'Save candidate' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(net.callsTo('POST', '/api/candidates')[0].body).toEqual({
      full_name: 'Jane Doe',
      email: 'jane@example.com',
      phone: null,
      location: null,
      headline: null,
      summary: null,
      skills: ['C#', 'PostgreSQL', 'Redis'],
      experience: [{ company: 'Acme', title: 'Engineer', start_date: '2021-03', end_date: null, bullets: ['Shipped the queue', 'Cut latency'] }],
      education: [{ school: 'University of London', degree: null, year: null }],
    });
  });

  it('shows each validation message next to the field the Api rejected', async () => {
    stubFetch((call) =>
      call.path === '/api/candidates'
        ? problem(400, {
            email: ['Must be an email address.'],
            'skills[1]': ['Must be at most 100 characters.'],
            'experience[1].company': ['Is required.'],
            'experience[1].start_date': ['Must be at most 30 characters.'],
            'experience[0].bullets[1]': ['Must be at most 1000 characters.'],
            'education[0].school': ['Is required.'],
            mystery: ['Something else is wrong.'],
          })
        : undefined,
    );
    render(<CandidateForm onSaved={() => {}} />);
    const form = screen.getByRole('form', { name: 'New candidate' });
    type(form, 'Full name', 'Jane Doe');
    type(form, 'Email', 'jane@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Add experience' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add experience' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add education' }));
    for (const name of ['Experience 1', 'Experience 2']) {
      const group = screen.getByRole('group', { name });
      type(group, 'Company', 'x');
      type(group, 'Title', 'y');
    }
    type(screen.getByRole('group', { name: 'Education 1' }), 'School', 'z');
    fireEvent.click(screen.getByRole('button', { name: 'Save candidate' }));

    await screen.findByText('Please correct the highlighted fields.');
    const email = within(form).getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(email)).toContain('Must be an email address.');

    const skills = within(form).getByLabelText('Skills');
    expect(describedText(skills)).toContain('Skill 2: Must be at most 100 characters.');
    expect(skills.getAttribute('aria-invalid')).toBe('true');

    // Indexed errors land on the right entry, not the first one with that label.
    const second = screen.getByRole('group', { name: 'Experience 2' });
    const first = screen.getByRole('group', { name: 'Experience 1' });
    expect(describedText(within(second).getByLabelText('Company'))).toEqual(['Is required.']);
    expect(within(first).getByLabelText('Company').getAttribute('aria-invalid')).toBeNull();
    expect(describedText(within(second).getByLabelText('Start date'))).toEqual(['Must be at most 30 characters.']);
    expect(describedText(within(first).getByLabelText('Bullets'))).toContain('Bullet 2: Must be at most 1000 characters.');
    expect(describedText(within(screen.getByRole('group', { name: 'Education 1' })).getByLabelText('School'))).toEqual(['Is required.']);

    // What no field shows is listed with the summary, never dropped; the full name is fine.
    expect(within(screen.getByRole('alert')).getByText('Something else is wrong.')).toBeTruthy();
    expect(within(form).getByLabelText('Full name').getAttribute('aria-invalid')).toBeNull();
    // Focus goes to the first field to fix.
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('edits: pre-fills every field and replaces the candidate with PUT', async () => {
    const candidate = makeCandidate({ id: 'cand-9' });
    const net = stubFetch((call) => (call.method === 'PUT' ? json({ ...candidate, headline: 'Staff engineer' }) : undefined));
    const onSaved = vi.fn();
    render(<CandidateForm candidate={candidate} onSaved={onSaved} />);
    const form = screen.getByRole('form', { name: 'Edit Jane Doe' });
    expect((within(form).getByLabelText('Full name') as HTMLInputElement).value).toBe('Jane Doe');
    expect((within(form).getByLabelText('Skills') as HTMLInputElement).value).toBe('C#, PostgreSQL, Redis');
    const exp = screen.getByRole('group', { name: 'Experience 1' });
    expect((within(exp).getByLabelText('Bullets') as HTMLTextAreaElement).value).toBe('Shipped the queue\nCut latency');
    expect((within(screen.getByRole('group', { name: 'Education 1' })).getByLabelText('Year') as HTMLInputElement).value).toBe('2014');

    type(form, 'Headline', 'Staff engineer');
    fireEvent.click(screen.getByRole('button', { name: 'Save candidate' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ headline: 'Staff engineer' })));
    const [put] = net.callsTo('PUT', '/api/candidates/cand-9');
    expect(put.body).toMatchObject({ full_name: 'Jane Doe', headline: 'Staff engineer', skills: ['C#', 'PostgreSQL', 'Redis'] });
    expect(net.callsTo('POST', '/api/candidates')).toHaveLength(0);
  });

  it('removes an entry without mixing up the others', () => {
    render(<CandidateForm onSaved={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add experience' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add experience' }));
    type(screen.getByRole('group', { name: 'Experience 1' }), 'Company', 'First');
    type(screen.getByRole('group', { name: 'Experience 2' }), 'Company', 'Second');
    fireEvent.click(screen.getByRole('button', { name: 'Remove experience 1' }));
    expect(screen.queryByRole('group', { name: 'Experience 2' })).toBeNull();
    expect((within(screen.getByRole('group', { name: 'Experience 1' })).getByLabelText('Company') as HTMLInputElement).value).toBe('Second');
  });
});
