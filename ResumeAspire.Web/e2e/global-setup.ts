// Starts the real system once for the whole run, unless E2E_BASE_URL names one that already runs.
// What the tests need (base URL, admin email) travels in environment variables: Playwright starts
// its workers after this function returns, and they inherit the runner's environment.

import type { FullConfig } from '@playwright/test';
import { startSystem } from './system';

export default async function globalSetup(_config: FullConfig): Promise<void> {
  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] testing the running system at ${process.env.E2E_BASE_URL} (E2E_BASE_URL); nothing started`);
    return;
  }

  const adminEmail = process.env.E2E_ADMIN_EMAIL ?? `admin-${Date.now().toString(36)}@e2e.example.com`;
  const system = await startSystem(adminEmail);
  process.env.E2E_ADMIN_EMAIL = adminEmail;
  process.env.E2E_RESOLVED_BASE_URL = system.baseURL;
  process.env.E2E_SYSTEM = JSON.stringify({ pid: system.pid, dataPath: system.dataPath, tree: system.tree });
}
