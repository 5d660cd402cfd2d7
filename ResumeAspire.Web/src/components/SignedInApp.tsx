import { useEffect, useRef } from 'react';
import { api } from '../api';
import { JobsProvider } from '../context/JobsProvider';
import { SettingsProvider } from '../context/SettingsProvider';
import { ToastProvider } from '../context/ToastProvider';
import { useApiData } from '../hooks/useApiData';
import { useHashRoute } from '../hooks/useHashRoute';
import { CandidateDetailPage } from '../pages/CandidateDetailPage';
import { CandidateEditorPage } from '../pages/CandidateEditorPage';
import { CandidatesPage } from '../pages/CandidatesPage';
import { MyJobsPage } from '../pages/MyJobsPage';
import { QueuePage } from '../pages/QueuePage';
import { SettingsPage } from '../pages/SettingsPage';
import type { Route } from '../routes';
import { MainNav } from './MainNav';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'candidates':
      return <CandidatesPage />;
    case 'new-candidate':
      return <CandidateEditorPage />;
    case 'candidate':
      return <CandidateDetailPage key={route.id} id={route.id} />;
    case 'edit-candidate':
      return <CandidateEditorPage key={route.id} id={route.id} />;
    case 'jobs':
      return <MyJobsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'queue':
      return <QueuePage />;
  }
}

/**
 * Everything behind sign-in. The providers sit above the pages so that jobs keep being followed
 * (and downloaded) while the user moves between pages; signing out unmounts them all, which
 * closes the live connection.
 */
export function SignedInApp({ email }: { email: string }) {
  const route = useHashRoute();
  // Who am I: decides whether the Queue page is offered. An Api without /api/me means "not an admin".
  const { data: me } = useApiData(`me:${email}`, (signal) => api.me(signal));
  const mainRef = useRef<HTMLElement>(null);
  const routeKey = JSON.stringify(route);
  const firstRoute = useRef(routeKey);

  // After in-app navigation, start keyboard and screen-reader users at the new page.
  useEffect(() => {
    if (routeKey !== firstRoute.current) {
      mainRef.current?.focus();
      window.scrollTo?.(0, 0);
    }
  }, [routeKey]);

  return (
    <SettingsProvider>
      <ToastProvider>
        <JobsProvider>
          <MainNav route={route} isAdmin={me?.is_admin === true} />
          <main ref={mainRef} tabIndex={-1}>
            <Page route={route} />
          </main>
        </JobsProvider>
      </ToastProvider>
    </SettingsProvider>
  );
}
