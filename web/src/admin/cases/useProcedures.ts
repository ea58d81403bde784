import { useEffect, useState } from 'react';
import { type ProcedureWithFlow, procedures } from './api';

/** Every current procedure definition (seven small answers), for filters that need their stages. */
export function useProcedureDefinitions(): ProcedureWithFlow[] {
  const [list, setList] = useState<ProcedureWithFlow[]>([]);
  useEffect(() => {
    let isCurrent = true;
    procedures
      .list()
      .then((answer) => Promise.all(answer.items.map((p) => procedures.get(p.key))))
      .then((all) => isCurrent && setList(all))
      .catch(() => isCurrent && setList([]));
    return () => {
      isCurrent = false;
    };
  }, []);
  return list;
}

/** The stages to filter by: the chosen procedure's, or every procedure's (one code may read differently in each). */
export function stageOptions(definitions: ProcedureWithFlow[], procedureKey: string | undefined): { value: string; label: string }[] {
  const chosen = procedureKey ? definitions.filter((d) => d.definition.key === procedureKey) : definitions;
  const labels = new Map<string, string[]>();
  for (const { definition } of chosen) {
    for (const [code, label] of Object.entries(definition.statuses)) {
      const known = labels.get(code) ?? [];
      if (!known.includes(label)) labels.set(code, [...known, label]);
    }
  }
  return [...labels].map(([value, names]) => ({ value, label: names.join('／') }));
}
