// Tests mock the network at its boundary, the global fetch, and answer by method and path.
import { vi } from 'vitest';

export interface FetchCall {
  method: string;
  /** Path and query, e.g. /api/resume-async/my-jobs?page=1&page_size=20. */
  path: string;
  body: unknown;
  headers: Record<string, string>;
  signal?: AbortSignal | null;
}

export type Route = (call: FetchCall) => Response | Promise<Response> | undefined;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

export function problem(status: number, errors: Record<string, string[]>): Response {
  return json({ title: 'One or more validation errors occurred.', status, errors }, status);
}

/** A file response as the Api sends a document. */
export function file(name: string, headers: Record<string, string> = {}): Response {
  return new Response('PK\u0003\u0004 docx bytes', {
    status: 200,
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename=${name}`,
      ...headers,
    },
  });
}

/** A server-sent-events response whose chunks the test pushes; it ends when the request is aborted. */
export function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      closed = true;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    push(text: string) {
      if (!closed) controller.enqueue(encoder.encode(text));
    },
    progress(data: Record<string, unknown>) {
      this.push(`event: progress\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (!closed) {
        closed = true;
        controller.close();
      }
    },
  };
}

/** Replaces the global fetch; unanswered requests get a 404. Returns the calls made. */
export function stubFetch(route: Route) {
  const calls: FetchCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const parsed = new URL(url, 'http://localhost');
    const call: FetchCall = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: parsed.pathname + parsed.search,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      headers: (init.headers ?? {}) as Record<string, string>,
      signal: init.signal,
    };
    calls.push(call);
    return (await route(call)) ?? new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    callsTo: (method: string, pathPrefix: string) => calls.filter((c) => c.method === method && c.path.startsWith(pathPrefix)),
  };
}
