import { useEffect, useState } from 'react';
import { agencies, governments } from '../../shared/endpoints';
import type { Agency, Government } from '../../shared/types';

const OPTION_PAGE_SIZE = 100;

/** Every agency the user may see, page by page, for select boxes. */
export async function loadAllAgencies(): Promise<Agency[]> {
  const all: Agency[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const answer = await agencies.list({ page, pageSize: OPTION_PAGE_SIZE });
    all.push(...answer.items);
    if (answer.items.length < OPTION_PAGE_SIZE || all.length >= answer.total) break;
  }
  return all;
}

export function useAgencyOptions(): { agencies: Agency[]; isLoading: boolean } {
  const [list, setList] = useState<Agency[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  useEffect(() => {
    let isCurrent = true;
    loadAllAgencies()
      .then((items) => isCurrent && setList(items))
      .catch(() => isCurrent && setList([]))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, []);
  return { agencies: list, isLoading };
}

/** Parents before their children, siblings by division code: 省 → 市 → 区县 → 乡镇. */
export function inTreeOrder(items: Government[]): Government[] {
  const ids = new Set(items.map((g) => g.id));
  const children = new Map<string | null, Government[]>();
  for (const g of items) {
    const parent = g.parentId && ids.has(g.parentId) ? g.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const ordered: Government[] = [];
  const visit = (parent: string | null) => {
    for (const g of [...(children.get(parent) ?? [])].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode))) {
      ordered.push(g);
      visit(g.id);
    }
  };
  visit(null);
  return ordered;
}

export function useGovernments(): { governments: Government[]; isLoading: boolean } {
  const [list, setList] = useState<Government[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  useEffect(() => {
    let isCurrent = true;
    governments
      .list()
      .then((answer) => isCurrent && setList(inTreeOrder(answer.items)))
      .catch(() => isCurrent && setList([]))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, []);
  return { governments: list, isLoading };
}
