import { describe, expect, it, vi } from 'vitest';
import { parseProgressEvent, session, subscribeJobEvents, type JobProgressEvent, type LiveState } from './api';
import { eventStream, json, stubFetch } from './test/fetchMock';

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('parseProgressEvent', () => {
  it('reads snake_case and camelCase, and rejects what is not a progress event', () => {
    expect(parseProgressEvent('{"job_id":"j1","status":"PROCESSING","progress":40,"stage":"tailoring","error":null}')).toEqual({
      job_id: 'j1',
      status: 'PROCESSING',
      progress: 40,
      stage: 'tailoring',
      error: null,
    });
    expect(parseProgressEvent('{"jobId":"j2","status":"completed","progress":100}')).toMatchObject({ job_id: 'j2', status: 'COMPLETED' });
    expect(parseProgressEvent('{"job_id":"j3","status":"EXPLODED"}')).toBeNull();
    expect(parseProgressEvent('not json')).toBeNull();
  });
});

describe('subscribeJobEvents', () => {
  it('delivers progress events from a stream that arrives in pieces, with the bearer token', async () => {
    vi.useFakeTimers();
    session.save('tok-1', 'a@example.com');
    const stream = eventStream();
    const net = stubFetch((call) => (call.path === '/api/resume-async/events' ? stream.response : undefined));
    const events: JobProgressEvent[] = [];
    const states: LiveState[] = [];
    const controller = new AbortController();

    const done = subscribeJobEvents({ signal: controller.signal, onProgress: (e) => events.push(e), onState: (s) => states.push(s) });
    await flush();
    stream.push('event: progress\ndata: {"job_id":"j1","sta');
    stream.push('tus":"PROCESSING","progress":40,"stage":"tailoring"}\n\n: keep-alive\n\nevent: other\ndata: {}\n\n');
    stream.push('event: progress\ndata: {"jobId":"j1","status":"COMPLETED","progress":100}\n\n');
    await flush();

    expect(events.map((e) => [e.job_id, e.status, e.progress])).toEqual([
      ['j1', 'PROCESSING', 40],
      ['j1', 'COMPLETED', 100],
    ]);
    expect(states).toEqual(['connecting', 'open']);
    expect(net.calls[0].headers).toMatchObject({ Authorization: 'Bearer tok-1', Accept: 'text/event-stream' });

    controller.abort();
    await done;
    expect(net.calls).toHaveLength(1);
  });

  it('reconnects with back-off and reports unavailable after three failures in a row, then open again', async () => {
    vi.useFakeTimers();
    let attempt = 0;
    const live = eventStream();
    const net = stubFetch((call) => {
      if (call.path !== '/api/resume-async/events') return undefined;
      attempt += 1;
      if (attempt === 1) return Promise.reject(new TypeError('Failed to fetch'));
      if (attempt === 2) return json({ title: 'Unavailable' }, 503);
      if (attempt === 3) {
        const ended = eventStream();
        ended.close(); // opens, then ends at once without an event
        return ended.response;
      }
      return live.response;
    });
    const states: LiveState[] = [];
    const controller = new AbortController();
    void subscribeJobEvents({ signal: controller.signal, onProgress: () => {}, onState: (s) => states.push(s) });

    await flush();
    expect(states).toEqual(['connecting', 'retrying']);
    await vi.advanceTimersByTimeAsync(1_300); // first back-off: about 1 s
    expect(net.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_500); // second: about 2 s
    expect(net.calls).toHaveLength(3);
    expect(states).toEqual(['connecting', 'retrying', 'open', 'unavailable']);

    // Still trying in the background, at growing intervals; a success brings live updates back.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(net.calls).toHaveLength(4);
    expect(states.at(-1)).toBe('open');
    controller.abort();
  });

  it('gives up on live updates at once when the server has no event stream (an HTML page or 404)', async () => {
    vi.useFakeTimers();
    stubFetch(() => new Response('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const states: LiveState[] = [];
    const controller = new AbortController();
    void subscribeJobEvents({ signal: controller.signal, onProgress: () => {}, onState: (s) => states.push(s) });
    await flush();
    expect(states).toEqual(['connecting', 'unavailable']);
    controller.abort();
  });

  it('stops for good on a 401 (the user is signed out) and when aborted', async () => {
    vi.useFakeTimers();
    session.save('expired', 'a@example.com');
    const net = stubFetch(() => new Response(null, { status: 401 }));
    const done = subscribeJobEvents({ signal: new AbortController().signal, onProgress: () => {} });
    await flush();
    await done;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net.calls).toHaveLength(1);
    expect(session.token()).toBeNull();

    const stream = eventStream();
    const net2 = stubFetch(() => stream.response);
    const controller = new AbortController();
    const running = subscribeJobEvents({ signal: controller.signal, onProgress: () => {} });
    await flush();
    controller.abort();
    await running;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net2.calls).toHaveLength(1);
  });
});
