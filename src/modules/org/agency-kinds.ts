import { agencyKinds } from '../../kernel/vocabulary.js';

export { type AgencyKind, agencyKinds } from '../../kernel/vocabulary.js';

export function agencyKindLabel(kind: string): string {
  return (agencyKinds as Record<string, string>)[kind] ?? kind;
}
