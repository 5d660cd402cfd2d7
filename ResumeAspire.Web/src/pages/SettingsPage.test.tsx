import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SettingsProvider } from '../context/SettingsProvider';
import { loadSettings } from '../settings';
import { SettingsPage } from './SettingsPage';

describe('SettingsPage', () => {
  it('turns automatic download off and keeps that in localStorage', () => {
    render(
      <SettingsProvider>
        <SettingsPage />
      </SettingsProvider>,
    );
    const box = screen.getByRole('checkbox', { name: 'Download automatically when a job completes' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(box.checked).toBe(false);
    expect(loadSettings().autoDownload).toBe(false);

    fireEvent.change(screen.getByLabelText('Seconds between checks'), { target: { value: '5' } });
    expect(loadSettings().pollIntervalMs).toBe(5000);
    fireEvent.change(screen.getByLabelText('Checks before giving up'), { target: { value: '' } });
    expect(screen.getByText('Enter a whole number from 1 to 1000.')).toBeTruthy();
    expect(loadSettings().maxPollTries).toBe(60);
  });
});
