// The one typed client for the ResumeAspire Api. Every HTTP call of the app goes through
// `send` below: it adds the bearer token, speaks snake_case JSON, turns RFC 7807 problem
// details into an ApiError with a readable message, and signs the user out on a 401.

import { SseParser } from './sseParser';

// ---------- wire types (snake_case, as the Api sends them) ----------

export type JobStatus = 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export const ACTIVE_STATUSES: readonly JobStatus[] = ['PENDING', 'PROCESSING'];

export function isActiveStatus(status: JobStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export function isJobStatus(value: unknown): value is JobStatus {
  return value === 'PENDING' || value === 'PROCESSING' || value === 'COMPLETED' || value === 'FAILED' || value === 'CANCELLED';
}

export type FileType = 'word' | 'pdf';
export type TemplateName = 'classic' | 'modern';

export interface Job {
  id: string;
  job_ref: string;
  candidate_id: string;
  file_type?: string;
  template?: string;
  status: JobStatus;
  progress: number;
  stage: string | null;
  attempts: number;
  error: string | null;
  /** Something the user should know about a successful job, e.g. that the offline tailor stood in for the LLM. */
  note?: string | null;
  cached: boolean;
  match_score: number | null;
  matched_keywords: string[];
  missing_keywords: string[];
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  download_url: string | null;
}

export interface JobPage {
  items: Job[];
  page: number;
  page_size: number;
  total: number;
}

export interface GenerateRequest {
  candidate_id: string;
  /** The caller's own reference for the job posting, e.g. JOB-001. */
  job_id: string;
  job_description: string;
  file_type: FileType;
  template: TemplateName;
}

export interface GenerateAccepted {
  /** The id of the generation job that was created. */
  job_id: string;
  status: JobStatus;
  progress?: number;
  cached?: boolean;
  status_url?: string;
  download_url?: string;
  created_at?: string;
}

export interface Experience {
  company: string;
  title: string;
  start_date: string | null;
  end_date: string | null;
  bullets: string[];
}

export interface Education {
  school: string;
  degree: string | null;
  year: string | null;
}

export interface CandidateInput {
  full_name: string;
  email: string | null;
  phone: string | null;
  location: string | null;
  headline: string | null;
  summary: string | null;
  skills: string[];
  experience: Experience[];
  education: Education[];
}

export interface Candidate extends CandidateInput {
  id: string;
  version?: number;
  created_at?: string;
  updated_at?: string;
}

export interface LoginResponse {
  token_type: string;
  access_token: string;
  expires_in: number;
  refresh_token: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

export interface GeneratedFile extends DownloadedFile {
  /** From the X-Match-Score header of a synchronous generation, when the Api sent it. */
  matchScore: number | null;
}

export interface Me {
  email: string;
  is_admin: boolean;
  /** Where the Aspire dashboard is; only told to admins. */
  dashboard_url: string | null;
}

export interface QueueConsumer {
  name: string;
  /** Messages delivered to this consumer and not yet acknowledged. */
  pending: number;
  idle_ms: number;
  in_flight: number | null;
  last_seen: string | null;
}

export interface QueueOverview {
  generated_at: string;
  stream: { name: string; length: number; pending: number; delayed: number; dead_letters: number };
  consumers: QueueConsumer[];
  jobs: { pending: number; processing: number };
  last_hour: {
    completed: number;
    failed: number;
    cancelled: number;
    cached: number;
    cache_hit_rate: number | null;
    failure_rate: number | null;
  };
  dashboard_url: string | null;
}

/** One `progress` server-sent event: a job's new status, without the result details. */
export interface JobProgressEvent {
  job_id: string;
  status: JobStatus;
  progress: number | null;
  stage: string | null;
  error: string | null;
}

// ---------- errors ----------

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;

  constructor(status: number, message: string, problem: ProblemDetails | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Per-field validation messages, keyed by the wire field name (e.g. job_description). */
  get fieldErrors(): Record<string, string[]> {
    return this.problem?.errors ?? {};
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'You need to sign in.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  409: 'That conflicts with the current state.',
  413: 'The request is too large.',
  429: 'Too many requests.',
};

function humanizeField(field: string): string {
  const words = field.replace(/[_.]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : field;
}

// Wire field names are snake_case (job_description, experience[0].company). ASP.NET Core Identity
// keys its errors by PascalCase codes (PasswordTooShort, DuplicateUserName) whose messages are
// already whole sentences, so those are shown without a prefix.
const isWireField = (field: string) => /^[a-z]/.test(field);

/** Builds one readable sentence (or a few) from a problem-details body. */
export function problemMessage(problem: ProblemDetails | null, status: number, retryAfter?: string | null): string {
  const parts: string[] = [];
  const errors = problem?.errors ?? {};
  const fieldMessages = Object.entries(errors).flatMap(([field, messages]) =>
    (messages ?? []).map((m) => (isWireField(field) ? `${humanizeField(field)}: ${m}` : m)),
  );

  if (problem?.detail) {
    parts.push(problem.detail);
  } else if (problem?.title && fieldMessages.length === 0) {
    parts.push(problem.title);
  }
  parts.push(...fieldMessages);

  if (parts.length === 0) {
    parts.push(STATUS_MESSAGES[status] ?? (status >= 500 ? `The server had a problem (${status}).` : `Request failed (${status}).`));
  }
  if (status === 429 && retryAfter) {
    parts.push(`Try again in ${retryAfter} seconds.`);
  }
  return parts.map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' ');
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let problem: ProblemDetails | null = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') {
        problem = parsed as ProblemDetails;
      } else if (typeof parsed === 'string') {
        problem = { detail: parsed };
      }
    } catch {
      // Not JSON (e.g. an HTML error page from a proxy): keep only short plain text.
      if (text.length < 300 && !text.trimStart().startsWith('<')) {
        problem = { detail: text.trim() };
      }
    }
  }
  return new ApiError(response.status, problemMessage(problem, response.status, response.headers.get('retry-after')), problem);
}

// ---------- token storage and sign-out on 401 ----------

const TOKEN_KEY = 'resumeaspire.token';
const EMAIL_KEY = 'resumeaspire.email';

export const session = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  email(): string | null {
    return sessionStorage.getItem(EMAIL_KEY);
  },
  save(token: string, email: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(EMAIL_KEY, email);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(EMAIL_KEY);
  },
};

export const SESSION_EXPIRED_MESSAGE = 'Your session has ended. Please sign in again.';

type UnauthorizedListener = (message: string) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called when a signed-in request gets a 401: the token is already cleared. Returns an unsubscribe. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

// ---------- the one request function ----------

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Send the bearer token (default true). */
  auth?: boolean;
  accept?: string;
}

async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const { method = 'GET', body, signal, auth = true, accept = 'application/json' } = options;
  const headers: Record<string, string> = { Accept: accept };
  const token = auth ? session.token() : null;
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') {
      throw err;
    }
    throw new ApiError(0, 'Cannot reach the server. Check your connection and try again.');
  }

  if (response.ok) {
    return response;
  }
  if (response.status === 401 && token) {
    session.clear();
    unauthorizedListeners.forEach((listener) => listener(SESSION_EXPIRED_MESSAGE));
  }
  throw await errorFromResponse(response);
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Reads the file name from a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function fileNameFromContentDisposition(header: string | null): string | null {
  if (!header) {
    return null;
  }
  const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]+)/i.exec(header);
  if (plain) {
    const value = plain[1].trim();
    return value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return null;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

async function readFile(response: Response, fallbackName: string): Promise<DownloadedFile> {
  const blob = await response.blob();
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const fileName =
    fileNameFromContentDisposition(response.headers.get('content-disposition')) ?? `${fallbackName}.${EXTENSIONS[contentType] ?? 'docx'}`;
  return { blob, fileName };
}

const enc = encodeURIComponent;

export const api = {
  async register(credentials: Credentials): Promise<void> {
    await request<unknown>('/api/auth/register', { method: 'POST', body: credentials, auth: false });
  },

  /** Signs in and keeps the bearer token in sessionStorage. */
  async login(credentials: Credentials): Promise<LoginResponse> {
    try {
      const tokens = await request<LoginResponse>('/api/auth/login', { method: 'POST', body: credentials, auth: false });
      session.save(tokens.access_token, credentials.email);
      return tokens;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        throw new ApiError(401, 'Incorrect email or password.', err.problem);
      }
      throw err;
    }
  },

  logout(): void {
    session.clear();
  },

  listCandidates(signal?: AbortSignal): Promise<Candidate[]> {
    return request<Candidate[]>('/api/candidates', { signal });
  },

  getCandidate(id: string, signal?: AbortSignal): Promise<Candidate> {
    return request<Candidate>(`/api/candidates/${enc(id)}`, { signal });
  },

  createCandidate(input: CandidateInput): Promise<Candidate> {
    return request<Candidate>('/api/candidates', { method: 'POST', body: input });
  },

  /** PUT replaces the whole profile. */
  updateCandidate(id: string, input: CandidateInput): Promise<Candidate> {
    return request<Candidate>(`/api/candidates/${enc(id)}`, { method: 'PUT', body: input });
  },

  async deleteCandidate(id: string): Promise<void> {
    await request<unknown>(`/api/candidates/${enc(id)}`, { method: 'DELETE' });
  },

  me(signal?: AbortSignal): Promise<Me> {
    return request<Me>('/api/me', { signal });
  },

  queueOverview(signal?: AbortSignal): Promise<QueueOverview> {
    return request<QueueOverview>('/api/admin/queue', { signal });
  },

  /** Queues a job and returns at once. */
  generate(body: GenerateRequest): Promise<GenerateAccepted> {
    return request<GenerateAccepted>('/api/resume-async/generate-async', { method: 'POST', body });
  },

  /** Blocks until the document is rendered and returns it. */
  async generateSync(body: GenerateRequest, signal?: AbortSignal): Promise<GeneratedFile> {
    const response = await send('/api/resume/generate', { method: 'POST', body, signal, accept: '*/*' });
    const file = await readFile(response, `resume-${body.job_id.trim() || 'document'}`);
    const score = Number.parseFloat(response.headers.get('x-match-score') ?? '');
    return { ...file, matchScore: Number.isFinite(score) ? score : null };
  },

  getJob(id: string, signal?: AbortSignal): Promise<Job> {
    return request<Job>(`/api/resume-async/job-status/${enc(id)}`, { signal });
  },

  listJobs(page = 1, pageSize = 20, signal?: AbortSignal): Promise<JobPage> {
    return request<JobPage>(`/api/resume-async/my-jobs?page=${page}&page_size=${pageSize}`, { signal });
  },

  async cancelJob(id: string): Promise<void> {
    await request<unknown>(`/api/resume-async/job/${enc(id)}`, { method: 'DELETE' });
  },

  async downloadJob(id: string): Promise<DownloadedFile> {
    const response = await send(`/api/resume-async/download/${enc(id)}`, { accept: '*/*' });
    return readFile(response, `resume-${id}`);
  },
};

// ---------- live job progress (server-sent events over fetch) ----------

/**
 * Reads one `progress` event's data. The Api sends snake_case; camelCase is accepted too so that a
 * serializer change on the server does not silently stop live updates.
 */
export function parseProgressEvent(data: string): JobProgressEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const id = o.job_id ?? o.jobId ?? o.id;
  const status = typeof o.status === 'string' ? o.status.toUpperCase() : o.status;
  if (typeof id !== 'string' || !id || !isJobStatus(status)) return null;
  return {
    job_id: id,
    status,
    progress: typeof o.progress === 'number' ? o.progress : null,
    stage: typeof o.stage === 'string' ? o.stage : null,
    error: typeof o.error === 'string' ? o.error : null,
  };
}

/**
 * connecting: first attempt; open: events are flowing; retrying: reconnecting after a drop;
 * unavailable: too many failures in a row, so the caller should poll instead (reconnection goes on
 * in the background at the longest back-off, and a success reports `open` again).
 */
export type LiveState = 'connecting' | 'open' | 'retrying' | 'unavailable';

export interface JobEventsOptions {
  signal: AbortSignal;
  onProgress: (event: JobProgressEvent) => void;
  onState?: (state: LiveState) => void;
  /** Failed or short-lived connections in a row before reporting `unavailable` (default 3). */
  maxFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A connection that lasted this long before it dropped was working, so the failure count starts over. */
  healthyAfterMs?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Reads the event stream until it ends; returns how many events it carried. */
async function readProgressStream(body: ReadableStream<Uint8Array>, signal: AbortSignal, onProgress: JobEventsOptions['onProgress']): Promise<number> {
  const reader = body.getReader();
  // Aborting the fetch does not always end a read already waiting (and never for a stream that did
  // not come from the network), so cancel the reader explicitly.
  const cancel = () => {
    reader.cancel().catch(() => {});
  };
  signal.addEventListener('abort', cancel, { once: true });
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let count = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) break;
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
        count += 1;
        if (event.event !== 'progress') continue;
        const progress = parseProgressEvent(event.data);
        if (progress) onProgress(progress);
      }
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return count;
}

/**
 * Follows the caller's job progress until `signal` aborts, reconnecting with exponential back-off
 * and jitter. EventSource cannot carry the bearer token, hence fetch and a stream reader.
 */
export async function subscribeJobEvents(options: JobEventsOptions): Promise<void> {
  const { signal, onProgress, onState, maxFailures = 3, baseDelayMs = 1_000, maxDelayMs = 30_000, healthyAfterMs = 20_000 } = options;
  let state: LiveState | null = null;
  const report = (next: LiveState) => {
    if (next !== state && !signal.aborted) {
      state = next;
      onState?.(next);
    }
  };
  let failures = 0;
  report('connecting');

  while (!signal.aborted) {
    let healthy = false;
    try {
      const response = await send('/api/resume-async/events', { signal, accept: 'text/event-stream' });
      const contentType = response.headers.get('content-type') ?? '';
      // A web server's HTML fallback page is a 200 too: without the stream's content type it is not the Api.
      if (!response.body || !contentType.toLowerCase().startsWith('text/event-stream')) {
        failures = Math.max(failures, maxFailures - 1);
        throw new Error('Not an event stream.');
      }
      report('open');
      const openedAt = Date.now();
      const received = await readProgressStream(response.body, signal, onProgress);
      healthy = received > 0 || Date.now() - openedAt >= healthyAfterMs;
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof ApiError) {
        if (err.status === 401) return; // `send` has signed the user out
        // Missing or forbidden will not fix itself in a few seconds: give up on live updates now.
        if (err.status === 403 || err.status === 404 || err.status === 405) failures = Math.max(failures, maxFailures - 1);
      }
    }
    if (signal.aborted) return;

    failures = healthy ? 1 : failures + 1;
    if (failures >= maxFailures) {
      report('unavailable');
    } else if (state !== 'unavailable') {
      report('retrying');
    }
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1));
    await sleep(delay * (0.8 + Math.random() * 0.4), signal);
  }
}
