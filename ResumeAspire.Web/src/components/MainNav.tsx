import { routeHref, type Route } from '../routes';

interface MainNavProps {
  route: Route;
  isAdmin: boolean;
}

const section = (route: Route): Route['page'] =>
  route.page === 'new-candidate' || route.page === 'candidate' || route.page === 'edit-candidate' ? 'candidates' : route.page;

export function MainNav({ route, isAdmin }: MainNavProps) {
  const items: { page: 'candidates' | 'jobs' | 'settings' | 'queue'; label: string }[] = [
    { page: 'candidates', label: 'Candidates' },
    { page: 'jobs', label: 'My jobs' },
    { page: 'settings', label: 'Settings' },
  ];
  if (isAdmin) items.push({ page: 'queue', label: 'Queue' });
  const current = section(route);

  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {items.map((item) => (
          <li key={item.page}>
            <a href={routeHref({ page: item.page })} aria-current={current === item.page ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
