// In-app navigation lives in the URL hash (#/candidates/…), so reload and the back button work
// without a router package or server-side rewrites.

export type Route =
  | { page: 'candidates' }
  | { page: 'new-candidate' }
  | { page: 'candidate'; id: string }
  | { page: 'edit-candidate'; id: string }
  | { page: 'jobs' }
  | { page: 'settings' }
  | { page: 'queue' };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  switch (parts[0]) {
    case 'jobs':
      return { page: 'jobs' };
    case 'settings':
      return { page: 'settings' };
    case 'queue':
      return { page: 'queue' };
    case 'candidates':
      if (parts[1] === 'new') return { page: 'new-candidate' };
      if (parts[1] && parts[2] === 'edit') return { page: 'edit-candidate', id: parts[1] };
      if (parts[1]) return { page: 'candidate', id: parts[1] };
      return { page: 'candidates' };
    default:
      return { page: 'candidates' };
  }
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'candidates':
      return '#/candidates';
    case 'new-candidate':
      return '#/candidates/new';
    case 'candidate':
      return `#/candidates/${encodeURIComponent(route.id)}`;
    case 'edit-candidate':
      return `#/candidates/${encodeURIComponent(route.id)}/edit`;
    case 'jobs':
      return '#/jobs';
    case 'settings':
      return '#/settings';
    case 'queue':
      return '#/queue';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}
