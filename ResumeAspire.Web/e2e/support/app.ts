// What the specs share: accounts, the Api (for setup and for checks the UI cannot show), the
// web app's landmarks by accessible name, downloaded documents, screenshots and the run's state.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Download, type Locator, type Page, type TestInfo } from '@playwright/test';
import { isZip, readZipEntry, zipEntries } from './zip';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = path.resolve(webDir, '..');
export const screenshotsDir = path.join(webDir, 'test-results', 'screenshots');
export const docsScreenshotsDir = path.join(repoRoot, 'docs', 'screenshots');

/** The key under which the web app keeps the bearer token (src/api.ts). */
export const TOKEN_KEY = 'resumeaspire.token';

/** Satisfies ASP.NET Core Identity's default password rules. */
export const PASSWORD = 'E2e-Sup3r-secret!';

let counter = 0;

/** Unique per run and per call, so a test can run against a system that already has data. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${counter}`;
}

export function uniqueEmail(prefix: string): string {
  return `${unique(prefix)}@e2e.example.com`.toLowerCase();
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------- data ----------

export interface ExperienceData {
  company: string;
  title: string;
  start: { year: number; month: number };
  end: { year: number; month: number } | null;
  bullets: string[];
}

export interface CandidateData {
  fullName: string;
  email: string;
  phone: string;
  location: string;
  headline: string;
  summary: string;
  skills: string[];
  experience: ExperienceData[];
  education: { school: string; degree: string; year: string }[];
}

export function realisticCandidate(fullName: string): CandidateData {
  return {
    fullName,
    email: `${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
    phone: '+44 20 7946 0321',
    location: 'London, United Kingdom',
    headline: 'Senior Backend Engineer',
    summary:
      'Backend engineer with ten years of experience building reliable distributed systems: job queues, ' +
      'payment platforms and the observability that keeps them honest.',
    skills: ['C#', '.NET', 'PostgreSQL', 'Redis', 'Kubernetes', 'Docker', 'OpenTelemetry', 'Python'],
    experience: [
      {
        company: 'Analytical Engines Ltd',
        title: 'Senior Backend Engineer',
        start: { year: 2019, month: 3 },
        end: null,
        bullets: [
          'Designed a job queue on Redis Streams that processes two million jobs a day',
          'Ran zero-downtime PostgreSQL schema migrations for a 2 TB database',
          'Introduced OpenTelemetry tracing across twelve .NET services',
        ],
      },
      {
        company: 'Difference Payments',
        title: 'Software Engineer',
        start: { year: 2015, month: 9 },
        end: { year: 2019, month: 2 },
        bullets: ['Built the settlement service in C# and PostgreSQL', 'Moved the deployment to Docker and Kubernetes'],
      },
    ],
    education: [{ school: 'University of London', degree: 'BSc Mathematics', year: '2014' }],
  };
}

export const JOB_DESCRIPTION =
  'We are hiring a Senior Backend Engineer to build our resume platform. You will design asynchronous ' +
  'services in C# and .NET, model data in PostgreSQL, run queues on Redis and deploy to Kubernetes. ' +
  'Experience with OpenTelemetry and Terraform is a plus; GraphQL is nice to have.';

/** The Api's JSON for a candidate (snake_case, as the Api takes it). */
export function candidateBody(data: CandidateData) {
  const month = (d: { year: number; month: number } | null) => (d ? `${d.year}-${String(d.month).padStart(2, '0')}` : null);
  return {
    full_name: data.fullName,
    email: data.email,
    phone: data.phone,
    location: data.location,
    headline: data.headline,
    summary: data.summary,
    skills: data.skills,
    experience: data.experience.map((e) => ({
      company: e.company,
      title: e.title,
      start_date: month(e.start),
      end_date: month(e.end),
      bullets: e.bullets,
    })),
    education: data.education,
  };
}

// ---------- the Api, for setup and for checks ----------

export interface JobView {
  id: string;
  job_ref: string;
  status: string;
  progress: number;
}

/** A signed-in Api client; `request` may be a page's (page.request) or the test's own. */
export class ApiClient {
  constructor(
    readonly request: APIRequestContext,
    readonly token: string,
  ) {}

  static async signUp(request: APIRequestContext, email: string, password = PASSWORD): Promise<ApiClient> {
    const registered = await request.post('/api/auth/register', { data: { email, password } });
    expect(registered.status(), `register ${email}: ${await registered.text()}`).toBe(200);
    return ApiClient.signIn(request, email, password);
  }

  static async signIn(request: APIRequestContext, email: string, password = PASSWORD): Promise<ApiClient> {
    const login = await request.post('/api/auth/login', { data: { email, password } });
    expect(login.status(), `login ${email}: ${await login.text()}`).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };
    return new ApiClient(request, token);
  }

  /** The token the web app holds for its signed-in user. */
  static async ofPage(page: Page): Promise<ApiClient> {
    const token = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
    expect(token, `the web app keeps its token in sessionStorage['${TOKEN_KEY}']`).toBeTruthy();
    return new ApiClient(page.request, token!);
  }

  get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  get(url: string) {
    return this.request.get(url, { headers: this.headers });
  }

  async createCandidate(data: CandidateData | Record<string, unknown>): Promise<string> {
    const body = 'fullName' in data ? candidateBody(data as CandidateData) : data;
    const response = await this.request.post('/api/candidates', { headers: this.headers, data: body });
    expect(response.status(), `create candidate: ${await response.text()}`).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  /** Enqueues a job; returns its id. */
  async generate(candidateId: string, jobRef: string, description: string, fileType: 'word' | 'pdf' = 'word'): Promise<string> {
    const response = await this.request.post('/api/resume-async/generate-async', {
      headers: this.headers,
      data: { candidate_id: candidateId, job_id: jobRef, job_description: description, file_type: fileType },
    });
    expect([200, 202], `generate ${jobRef}: ${response.status()} ${await response.text()}`).toContain(response.status());
    return ((await response.json()) as { job_id: string }).job_id;
  }

  /** Like generate, but waits as told and tries again when the Api answers 503 or 429. */
  async generateWithRetry(candidateId: string, jobRef: string, description: string, fileType: 'word' | 'pdf'): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.request.post('/api/resume-async/generate-async', {
        headers: this.headers,
        data: { candidate_id: candidateId, job_id: jobRef, job_description: description, file_type: fileType },
      });
      if ((response.status() === 503 || response.status() === 429) && attempt < 5) {
        const wait = Number(response.headers()['retry-after'] ?? '2');
        await new Promise((resolve) => setTimeout(resolve, Math.min(10, Math.max(1, wait)) * 1000));
        continue;
      }
      expect([200, 202], `generate ${jobRef}: ${response.status()} ${await response.text()}`).toContain(response.status());
      return ((await response.json()) as { job_id: string }).job_id;
    }
  }

  /** All of the user's jobs, newest first, page by page (whatever page size the Api settles on). */
  async jobs(): Promise<JobView[]> {
    const all: JobView[] = [];
    for (let page = 1; ; page++) {
      const response = await this.get(`/api/resume-async/my-jobs?page=${page}&page_size=100`);
      expect(response.status(), `my-jobs: ${await response.text()}`).toBe(200);
      const { items, total } = (await response.json()) as { items: JobView[]; total: number };
      all.push(...items);
      if (items.length === 0 || all.length >= total) return all;
    }
  }

  async jobByRef(jobRef: string): Promise<JobView> {
    const job = (await this.jobs()).find((j) => j.job_ref === jobRef);
    expect(job, `a job with reference ${jobRef}`).toBeTruthy();
    return job!;
  }

  async job(id: string): Promise<JobView> {
    const response = await this.get(`/api/resume-async/job-status/${id}`);
    expect(response.status(), `job-status ${id}: ${await response.text()}`).toBe(200);
    return (await response.json()) as JobView;
  }

  cancel(id: string) {
    return this.request.delete(`/api/resume-async/job/${id}`, { headers: this.headers });
  }
}

/**
 * Keeps the worker busy: other users enqueue heavy PDF jobs (the largest profile the Api takes,
 * a 20 000-character description), so that a job enqueued right after them waits in the shared
 * FIFO stream behind them. They are not the signed-in user's jobs: the UI under test never shows them.
 */
export class Backlog {
  /** The Api's per-user cap on jobs pending or processing is 100. */
  static readonly perUser = 99;

  private readonly jobIds = new Map<ApiClient, string[]>();

  private constructor(private readonly owners: { api: ApiClient; candidateId: string }[]) {}

  /** Registers `users` users, each with a heavy candidate; enqueues nothing yet. */
  static async prepare(request: APIRequestContext, users: number): Promise<Backlog> {
    const owners = await Promise.all(
      Array.from({ length: users }, async () => {
        const api = await ApiClient.signUp(request, uniqueEmail('backlog'));
        return { api, candidateId: await api.createCandidate(heavyCandidate()) };
      }),
    );
    return new Backlog(owners);
  }

  /**
   * Enqueues up to 99 jobs per user, a few requests at a time as a busy client would send them;
   * a 503 or 429 (with Retry-After) is the Api asking to come back later. Unique descriptions:
   * an identical request would be answered from the result cache at once.
   */
  async fill(): Promise<void> {
    const work = this.owners.flatMap((owner) => Array.from({ length: Backlog.perUser }, (_, i) => ({ owner, i })));
    await inBatches(work, 8, async ({ owner, i }) => {
      const description = `${i} ${Math.random()} ${words(i, 3000)}`.slice(0, 20_000);
      const id = await owner.api.generateWithRetry(owner.candidateId, `BACKLOG-${i}`, description, 'pdf');
      this.jobIds.set(owner.api, [...(this.jobIds.get(owner.api) ?? []), id]);
    });
  }

  private async count(statuses: string[]): Promise<number> {
    const counts = await Promise.all(
      this.owners.map(async (o) => (await o.api.jobs()).filter((j) => statuses.includes(j.status)).length),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Jobs still waiting for the worker. */
  pending(): Promise<number> {
    return this.count(['PENDING']);
  }

  /** Jobs not final yet. */
  active(): Promise<number> {
    return this.count(['PENDING', 'PROCESSING']);
  }

  /** Cancels what is still waiting, so later tests do not queue behind it (once). */
  async drain(): Promise<void> {
    const work = [...this.jobIds].flatMap(([api, ids]) => ids.map((id) => ({ api, id })));
    this.jobIds.clear();
    await inBatches(work, 8, async ({ api, id }) => {
      await api.cancel(id);
    });
  }
}

const VOCABULARY = (
  'distributed systems PostgreSQL Redis Kubernetes observability OpenTelemetry reliability throughput latency incident ' +
  'response mentoring architecture migrations C# .NET Python Terraform AWS Azure queues streams caching'
).split(' ');

function words(seed: number, length: number): string {
  return Array.from({ length }, (_, k) => VOCABULARY[(seed * 7 + k * 3) % VOCABULARY.length]).join(' ');
}

/** About 210 kB of JSON: as much profile as the Api takes (30 roles of 30 bullets, under its 256 kB body limit). */
function heavyCandidate() {
  return {
    full_name: 'Backlog Candidate',
    summary: words(1, 250).slice(0, 2000),
    skills: VOCABULARY,
    experience: Array.from({ length: 30 }, (_, i) => ({
      company: `Company ${i}`,
      title: `Engineer ${i}`,
      start_date: '2010-01',
      end_date: '2011-01',
      bullets: Array.from({ length: 30 }, (_, b) => words(i + b, 25)),
    })),
    education: Array.from({ length: 5 }, (_, i) => ({ school: `School ${i}`, degree: 'BSc', year: `${1995 + i}` })),
  };
}

/** Runs `task` over `items` with at most `width` at a time. */
async function inBatches<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

// ---------- the web app ----------

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** A link or a button, whichever the UI uses. */
export function clickable(scope: Page | Locator, name: string | RegExp): Locator {
  const options = typeof name === 'string' ? { name, exact: true } : { name };
  return scope.getByRole('link', options).or(scope.getByRole('button', options));
}

export async function navigate(page: Page, name: 'Candidates' | 'My jobs' | 'Settings' | 'Queue'): Promise<void> {
  const item = clickable(mainNav(page), name);
  if (!(await item.first().isVisible())) {
    // A narrow screen may fold the navigation behind a menu button.
    const menu = page.getByRole('button', { name: /menu/i });
    if (await menu.first().isVisible()) await menu.first().click();
  }
  await item.first().click();
}

export async function expectSignedIn(page: Page, email: string): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText(email, { exact: true }).first()).toBeVisible();
  await expect(mainNav(page)).toBeVisible();
}

/**
 * Opens the web app. A compile error in the app shows as Vite's overlay: say so plainly instead
 * of timing out on a missing label.
 */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  const overlay = page.locator('vite-error-overlay');
  const ready = page.getByLabel('Email', { exact: true }).or(page.getByRole('button', { name: 'Sign out' }));
  await expect(ready.or(overlay).first()).toBeVisible();
  if (await overlay.count()) {
    throw new Error(`the web app does not compile (Vite error overlay):\n${(await overlay.innerText()).slice(0, 1500)}`);
  }
}

async function fillCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

/** "Create account" registers and signs in at once. */
export async function createAccount(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!page.url().startsWith('http')) await openApp(page);
  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await expectSignedIn(page, email);
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!page.url().startsWith('http')) await openApp(page);
  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectSignedIn(page, email);
}

export function candidateEntry(page: Page, fullName: string): Locator {
  return clickable(page.getByRole('main'), fullName).first();
}

/** Candidates page → the candidate's detail page. */
export async function openCandidate(page: Page, fullName: string): Promise<void> {
  await navigate(page, 'Candidates');
  await expect(page.getByRole('heading', { name: 'Candidates' })).toBeVisible();
  await candidateEntry(page, fullName).click();
  await expect(page.getByRole('heading', { level: 2, name: fullName })).toBeVisible();
}

/** Month inputs, date inputs and plain text all take a sensible value. */
async function fillMonth(input: Locator, value: { year: number; month: number }): Promise<void> {
  const month = `${value.year}-${String(value.month).padStart(2, '0')}`;
  const type = (await input.getAttribute('type')) ?? 'text';
  await input.fill(type === 'date' ? `${month}-01` : month);
}

export async function fillCandidateForm(page: Page, data: CandidateData): Promise<void> {
  const form = page.getByRole('main');
  await form.getByLabel('Full name', { exact: true }).fill(data.fullName);
  await form.getByLabel('Email', { exact: true }).fill(data.email);
  await form.getByLabel('Phone', { exact: true }).fill(data.phone);
  await form.getByLabel('Location', { exact: true }).fill(data.location);
  await form.getByLabel('Headline', { exact: true }).fill(data.headline);
  await form.getByLabel('Summary', { exact: true }).fill(data.summary);
  await form.getByLabel(/^Skills/).fill(data.skills.join(', '));

  for (const [index, experience] of data.experience.entries()) {
    await form.getByRole('button', { name: 'Add experience' }).click();
    const group = form.getByRole('group', { name: `Experience ${index + 1}` });
    await expect(group).toBeVisible();
    await group.getByLabel('Company', { exact: true }).fill(experience.company);
    await group.getByLabel('Title', { exact: true }).fill(experience.title);
    await fillMonth(group.getByLabel('Start date', { exact: true }), experience.start);
    if (experience.end) await fillMonth(group.getByLabel('End date', { exact: true }), experience.end);
    await group.getByLabel(/^Bullets/).fill(experience.bullets.join('\n'));
  }

  for (const [index, education] of data.education.entries()) {
    await form.getByRole('button', { name: 'Add education' }).click();
    const group = form.getByRole('group', { name: `Education ${index + 1}` });
    await expect(group).toBeVisible();
    await group.getByLabel('School', { exact: true }).fill(education.school);
    await group.getByLabel('Degree', { exact: true }).fill(education.degree);
    await group.getByLabel('Year', { exact: true }).fill(education.year);
  }
}

/** The generate panel on a candidate's detail page. */
export async function fillGeneratePanel(
  page: Page,
  options: { jobRef: string; description: string; mode: 'Async' | 'Sync'; fileType?: 'word' | 'pdf' },
): Promise<void> {
  await page.getByLabel('Job reference', { exact: true }).fill(options.jobRef);
  await page.getByLabel('Job description', { exact: true }).fill(options.description);
  await page.getByLabel('File type', { exact: true }).selectOption(options.fileType === 'pdf' ? 'PDF' : 'Word (.docx)');
  await expect(page.getByLabel('Template', { exact: true })).toBeVisible();
  await page.getByRole('group', { name: 'Mode' }).getByRole('radio', { name: options.mode, exact: true }).check();
}

export function jobArticle(page: Page, jobRef: string): Locator {
  // "Job JOB-1" must not also match "Job JOB-10".
  return page.getByRole('article', { name: new RegExp(`^Job ${escapeRegExp(jobRef)}(\\s|$)`) });
}

// ---------- documents ----------

/** A Word document: a ZIP whose word/document.xml mentions `expectedText` (runs joined). */
export function expectDocx(bytes: Buffer, expectedText: string): void {
  expect(bytes.subarray(0, 4).toString('latin1'), 'a .docx is a ZIP: it starts with PK\\x03\\x04').toBe('PK\x03\x04');
  expect(isZip(bytes)).toBe(true);
  const entries = zipEntries(bytes);
  expect([...entries.keys()], 'the ZIP holds the parts of a Word document').toEqual(
    expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']),
  );
  const xml = readZipEntry(bytes, entries.get('word/document.xml')!).toString('utf8');
  const text = xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');
  expect(text, 'the document names the candidate').toContain(expectedText);
}

export async function downloadedBytes(download: Download, testInfo: TestInfo, name: string): Promise<Buffer> {
  expect(await download.failure(), 'the download completed').toBeNull();
  const file = testInfo.outputPath(name);
  await download.saveAs(file);
  return fs.readFileSync(file);
}

// ---------- screenshots and state ----------

/** A full-page PNG in test-results/screenshots; `docs` also copies it to docs/screenshots for the README. */
export async function screenshot(page: Page, name: string, docs?: string): Promise<void> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (docs) {
    fs.mkdirSync(docsScreenshotsDir, { recursive: true });
    fs.copyFileSync(file, path.join(docsScreenshotsDir, docs));
  }
}

export interface RunState {
  firstUser?: { email: string; jobIds: string[] };
}

function stateFile(testInfo: TestInfo): string {
  return path.join(testInfo.project.outputDir, 'e2e-state.json');
}

/** Tests run in one worker, but a failed test restarts it: what later tests reuse goes through a file. */
export function saveState(testInfo: TestInfo, update: RunState): void {
  const file = stateFile(testInfo);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...loadState(testInfo), ...update }, null, 2));
}

export function loadState(testInfo: TestInfo): RunState {
  try {
    return JSON.parse(fs.readFileSync(stateFile(testInfo), 'utf8')) as RunState;
  } catch {
    return {};
  }
}
