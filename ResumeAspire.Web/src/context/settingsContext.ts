import { createContext, useContext } from 'react';
import type { Settings } from '../settings';

export interface SettingsContextValue {
  settings: Settings;
  /** Changes and persists (localStorage) some settings. */
  update: (patch: Partial<Settings>) => void;
}

export const SettingsContext = createContext<SettingsContextValue | null>(null);

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings needs a SettingsProvider above it.');
  return value;
}
