import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The whole suite runs in parallel on small machines: give findBy/waitFor room beyond 1 s.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no layout: the app's scroll-to-top after navigation is a no-op here.
window.scrollTo = () => {};

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  localStorage.clear();
  window.location.hash = '';
});
