import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api';
import type { Page } from '../../shared/types';
import type { ShownProblem } from './ProblemAlert';

export interface PagedList<T> {
  items: T[];
  total: number;
  isLoading: boolean;
  problem: ShownProblem | null;
  reload: () => void;
}

/**
 * Loads one page of a list whenever its query changes (keep `query` in state so that its
 * identity changes only with its content); answers to an older query are dropped.
 */
export function usePagedList<T, Q>(fetchPage: (query: Q) => Promise<Page<T>>, query: Q): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [isLoading, setIsLoading] = useState(true);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const latest = useRef(0);

  const load = useCallback(() => {
    const id = ++latest.current;
    setIsLoading(true);
    fetchPage(query)
      .then((page) => {
        if (id !== latest.current) return;
        setItems(page.items);
        setTotal(page.total);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (id !== latest.current) return;
        setProblem(describeError(error));
        setItems([]);
        setTotal(0);
      })
      .finally(() => {
        if (id === latest.current) setIsLoading(false);
      });
  }, [fetchPage, query]);

  useEffect(load, [load]);

  return { items, total, isLoading, problem, reload: load };
}
