// Stops what global-setup.ts started (nothing when E2E_BASE_URL pointed at a running system).

import { stopSystem, type RunningSystem } from './system';

export default async function globalTeardown(): Promise<void> {
  const started = process.env.E2E_SYSTEM;
  if (!started) {
    return;
  }
  delete process.env.E2E_SYSTEM;
  await stopSystem(JSON.parse(started) as Pick<RunningSystem, 'pid' | 'dataPath' | 'tree'>);
}
