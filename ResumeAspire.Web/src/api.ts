// The one typed client for the ResumeAspire Api. Every HTTP call of the app goes through
// `request` below: it adds the bearer token, speaks snake_case JSON, turns RFC 7807 problem
// details into an ApiError with a readable message, and signs the user out on a 401.

// ---------- wire types (snake_case, as the Api sends them) ----------

export type JobStatus = 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export const ACTIVE_STATUSES: readonly JobStatus[] = ['PENDING', 'PROCESSING'];

export function isActiveStatus(status: JobStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export interface Job {
  id: string;
  job_ref: string;
  candidate_id: string;
  file_type?: string;
  status: JobStatus;
  progress: number;
  stage: string | null;
  attempts: number;
  error: string | null;
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
  file_type: 'word';
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

/** Builds one readable sentence (or a few) from a problem-details body. */
export function problemMessage(problem: ProblemDetails | null, status: number, retryAfter?: string | null): string {
  const parts: string[] = [];
  const errors = problem?.errors ?? {};
  const fieldMessages = Object.entries(errors).flatMap(([field, messages]) =>
    (messages ?? []).map((m) => (field ? `${humanizeField(field)}: ${m}` : m)),
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
}

async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const { method = 'GET', body, signal, auth = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
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

  createCandidate(input: CandidateInput): Promise<Candidate> {
    return request<Candidate>('/api/candidates', { method: 'POST', body: input });
  },

  generate(body: GenerateRequest): Promise<GenerateAccepted> {
    return request<GenerateAccepted>('/api/resume-async/generate-async', { method: 'POST', body });
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
    const response = await send(`/api/resume-async/download/${enc(id)}`);
    const blob = await response.blob();
    const fileName = fileNameFromContentDisposition(response.headers.get('content-disposition')) ?? `resume-${id}.docx`;
    return { blob, fileName };
  },
};
