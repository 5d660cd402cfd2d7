import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { JobsProvider } from '../context/JobsProvider';
import { SettingsProvider } from '../context/SettingsProvider';
import { ToastProvider } from '../context/ToastProvider';

function Providers({ children }: { children: ReactNode }) {
  return (
    <SettingsProvider>
      <ToastProvider>
        <JobsProvider>{children}</JobsProvider>
      </ToastProvider>
    </SettingsProvider>
  );
}

/** Renders inside the same providers as the signed-in app. */
export function renderWithProviders(ui: ReactElement) {
  return render(ui, { wrapper: Providers });
}
