import { useCallback, useEffect, useState } from 'react';
import { api, type Candidate } from '../api';

export interface CandidatesState {
  candidates: Candidate[];
  loading: boolean;
  error: unknown;
  reload: () => void;
  add: (candidate: Candidate) => void;
}

export function useCandidates(): CandidatesState {
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .listCandidates(controller.signal)
      .then((list) => {
        setCandidates(list);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const add = useCallback((candidate: Candidate) => setCandidates((list) => [candidate, ...list]), []);

  return { candidates, loading, error, reload, add };
}
