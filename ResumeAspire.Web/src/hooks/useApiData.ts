import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiData<T> {
  /** The latest result for this key; kept while a reload of the same key is in flight. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

interface Result<T> {
  key: string;
  version: number;
  data?: T;
  error?: unknown;
}

/**
 * Loads data for `key` (e.g. a candidate id), aborting the request when the key changes or the
 * component goes away. Loading is derived from whether a result for the current request exists,
 * so nothing is set synchronously when a request starts.
 */
export function useApiData<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiData<T> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<Result<T> | null>(null);
  // The loader is usually an inline arrow: keep the latest without restarting the request.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ key, version, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setResult({ key, version, error });
      },
    );
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const sameKey = result !== null && result.key === key;
  return {
    data: sameKey ? result.data : undefined,
    error: sameKey && result.version === version ? (result.error ?? null) : null,
    loading: !(sameKey && result.version === version),
    reload,
  };
}
