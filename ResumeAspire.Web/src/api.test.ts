import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, fileNameFromContentDisposition, onUnauthorized, session } from './api';

function jsonResponse(status: number, body: unknown, contentType = 'application/problem+json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

describe('api client', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('turns a validation problem-details response into a readable ApiError', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { job_description: ['Must not be empty.'], job_id: ['Is required (your reference for this job, e.g. JOB-001).'] },
      }),
    );

    const error = await api
      .generate({ candidate_id: 'c1', job_id: '', job_description: '', file_type: 'word', template: 'classic' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.message).toBe('Job description: Must not be empty. Job id: Is required (your reference for this job, e.g. JOB-001).');
    expect(apiError.fieldErrors.job_description).toEqual(['Must not be empty.']);
  });

  it('uses the detail of a problem without field errors', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, { title: 'Not ready', status: 409, detail: 'The job is PROCESSING; the document can be downloaded once it is COMPLETED.' }),
    );
    await expect(api.downloadJob('j1')).rejects.toThrow('The job is PROCESSING; the document can be downloaded once it is COMPLETED.');
  });

  it('gives a readable message for an empty error body', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 404 }));
    await expect(api.getJob('missing')).rejects.toThrow('Not found.');
  });

  it('sends the bearer token and, on a 401, clears it and tells the app', async () => {
    session.save('tok-123', 'a@example.com');
    const listener = vi.fn();
    const unsubscribe = onUnauthorized(listener);
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 401 }));

    await expect(api.listCandidates()).rejects.toBeInstanceOf(ApiError);

    const init = fetchMock.mock.calls[0][1] as RequestInit;
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');
    expect(session.token()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('stores the token after login and reports wrong credentials plainly', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, { token_type: 'Bearer', access_token: 'abc', expires_in: 3600, refresh_token: 'r' }, 'application/json'),
    );
    await api.login({ email: 'a@example.com', password: 'pw' });
    expect(session.token()).toBe('abc');

    session.clear();
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { title: 'Unauthorized', status: 401, detail: 'Failed' }));
    await expect(api.login({ email: 'a@example.com', password: 'bad' })).rejects.toThrow('Incorrect email or password.');
  });

  it('reads the download file name from Content-Disposition', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response('docx bytes', {
        status: 200,
        headers: { 'Content-Disposition': "attachment; filename=resume.docx; filename*=UTF-8''Jane%20Doe%20resume.docx" },
      }),
    );
    const file = await api.downloadJob('j1');
    expect(file.fileName).toBe('Jane Doe resume.docx');
    expect(fileNameFromContentDisposition('attachment; filename="cv \\"1\\".docx"')).toBe('cv "1".docx');
  });

  it('shows ASP.NET Core Identity errors as their own sentences, without the error code', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, {
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { DuplicateUserName: ["Username 'a@example.com' is already taken."], PasswordRequiresDigit: ["Passwords must have at least one digit ('0'-'9')."] },
      }),
    );
    await expect(api.register({ email: 'a@example.com', password: 'x' })).rejects.toThrow(
      "Username 'a@example.com' is already taken. Passwords must have at least one digit ('0'-'9').",
    );
  });

  it('names a downloaded file after its content type when the Api gives no file name', async () => {
    fetchMock.mockResolvedValueOnce(new Response('%PDF', { status: 200, headers: { 'Content-Type': 'application/pdf' } }));
    expect((await api.downloadJob('j1')).fileName).toBe('resume-j1.pdf');
  });
});
