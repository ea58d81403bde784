import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api';

export interface Loaded<T> {
  data: T | null;
  /** The problem in one Chinese sentence, or null. */
  error: string | null;
  isLoading: boolean;
  reload: () => void;
}

/** Loads whenever `load` changes (wrap it in useCallback); answers to an older call are dropped. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const latest = useRef(0);

  const run = useCallback(() => {
    const id = ++latest.current;
    setIsLoading(true);
    load()
      .then((answer) => {
        if (id !== latest.current) return;
        setData(answer);
        setError(null);
      })
      .catch((err: unknown) => {
        if (id !== latest.current) return;
        const { title, detail } = describeError(err);
        setError(detail ? `${title}：${detail}` : title);
        setData(null);
      })
      .finally(() => {
        if (id === latest.current) setIsLoading(false);
      });
  }, [load]);

  useEffect(run, [run]);

  return { data, error, isLoading, reload: run };
}
