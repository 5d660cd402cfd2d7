import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './routes';

describe('routes', () => {
  it('round-trips every page through the hash', () => {
    const routes: Route[] = [
      { page: 'candidates' },
      { page: 'new-candidate' },
      { page: 'candidate', id: '0193-abc' },
      { page: 'edit-candidate', id: '0193-abc' },
      { page: 'jobs' },
      { page: 'settings' },
      { page: 'queue' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('starts at the candidates for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ page: 'candidates' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'candidates' });
  });
});
