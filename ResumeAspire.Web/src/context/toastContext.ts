import { createContext, useContext } from 'react';

export type ToastKind = 'info' | 'success' | 'error';

/** How long a toast stays; errors stay longer because they usually ask for an action. */
export const TOAST_MS: Record<ToastKind, number> = { info: 6_000, success: 6_000, error: 12_000 };

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

export interface ToastApi {
  show: (text: string, kind?: ToastKind) => void;
  dismiss: (id: number) => void;
}

export const ToastContext = createContext<ToastApi | null>(null);

export function useToasts(): ToastApi {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToasts needs a ToastProvider above it.');
  return value;
}
