import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { session } from './api';
import { App } from './App';
import { eventStream, json, stubFetch, type FetchCall } from './test/fetchMock';
import { makeCandidate } from './test/jobs';

function api(overrides: (call: FetchCall) => Response | Promise<Response> | undefined = () => undefined) {
  return stubFetch((call) => {
    const answer = overrides(call);
    if (answer) return answer;
    if (call.path.startsWith('/api/resume-async/my-jobs')) return json({ items: [], page: 1, page_size: 20, total: 0 });
    if (call.path === '/api/resume-async/events') return eventStream().response;
    if (call.path === '/api/candidates') return json([]);
    return undefined;
  });
}

const nav = () => screen.getByRole('navigation', { name: 'Main' });

describe('App', () => {
  it('creates an account, signs in at once and shows the user, without Queue for a normal user', async () => {
    const net = api((call) => {
      if (call.path === '/api/auth/register') return new Response(null, { status: 200 });
      if (call.path === '/api/auth/login') return json({ token_type: 'Bearer', access_token: 'tok', expires_in: 3600, refresh_token: 'r' });
      if (call.path === '/api/me') return json({ email: 'ada@example.com', is_admin: false, dashboard_url: null });
      return undefined;
    });
    render(<App />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'Secret-123' } });
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    expect(await screen.findByText('No candidates yet — create one.')).toBeTruthy();
    await waitFor(() => expect(net.callsTo('GET', '/api/me')).toHaveLength(1));
    expect(within(nav()).getByRole('link', { name: 'Candidates' })).toBeTruthy();
    expect(within(nav()).getByRole('link', { name: 'My jobs' })).toBeTruthy();
    expect(within(nav()).getByRole('link', { name: 'Settings' })).toBeTruthy();
    expect(within(nav()).queryByRole('link', { name: 'Queue' })).toBeNull();
    expect(net.callsTo('POST', '/api/auth/register')[0].body).toEqual({ email: 'ada@example.com', password: 'Secret-123' });
    expect(session.token()).toBe('tok');
  });

  it('offers Queue to an admin after a reload with a stored token', async () => {
    session.save('tok', 'root@example.com');
    api((call) => (call.path === '/api/me' ? json({ email: 'root@example.com', is_admin: true, dashboard_url: 'http://localhost:15080' }) : undefined));
    render(<App />);
    const queue = await within(nav()).findByRole('link', { name: 'Queue' });
    expect(queue.getAttribute('href')).toBe('#/queue');
  });

  it('treats an Api without /api/me as a normal user', async () => {
    session.save('tok', 'a@example.com');
    const net = api();
    render(<App />);
    await waitFor(() => expect(net.callsTo('GET', '/api/me')).toHaveLength(1));
    expect(within(nav()).queryByRole('link', { name: 'Queue' })).toBeNull();
  });

  it('signs out, and returns to sign-in with a message when the token has expired', async () => {
    session.save('tok', 'a@example.com');
    api();
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(screen.getByText('You are signed out.')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(session.token()).toBeNull();

    session.save('old', 'a@example.com');
    api((call) => (call.path === '/api/candidates' ? new Response(null, { status: 401 }) : undefined));
    render(<App />);
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Sign in' }).length).toBeGreaterThan(0);
  });

  it('opens a candidate’s page from the list and deletes it only after confirming', async () => {
    session.save('tok', 'a@example.com');
    let deleted = false;
    const net = api((call) => {
      if (call.path === '/api/candidates') return json(deleted ? [] : [makeCandidate()]);
      if (call.path === '/api/candidates/cand-1' && call.method === 'GET') return json(makeCandidate());
      if (call.path === '/api/candidates/cand-1' && call.method === 'DELETE') {
        deleted = true;
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Candidates' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('link', { name: 'Jane Doe' }));
    window.dispatchEvent(new HashChangeEvent('hashchange'));

    expect(await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).toBeTruthy();
    const main = screen.getByRole('main');
    expect(within(main).getByText('Senior backend engineer')).toBeTruthy();
    expect(within(main).getByText('jane@example.com')).toBeTruthy();
    expect(within(within(main).getByRole('list', { name: 'Skills' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'C#',
      'PostgreSQL',
      'Redis',
    ]);
    expect(within(main).getByText('Shipped the queue')).toBeTruthy();
    expect(within(main).getByText('University of London')).toBeTruthy();
    expect(screen.getByLabelText('Job reference')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(net.callsTo('DELETE', '/api/candidates')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Delete candidate' }));
    await waitFor(() => expect(net.callsTo('DELETE', '/api/candidates/cand-1')).toHaveLength(1));
    expect(await screen.findByText('No candidates yet — create one.')).toBeTruthy();
    expect(screen.getByText('Deleted Jane Doe.')).toBeTruthy();
  });
});
