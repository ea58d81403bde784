/** The zh-CN labels of the domain's codes: the names come from the server's vocabulary, shared as one file. */
import { type AgencyKind, agencyKinds, roles } from '../../../src/kernel/vocabulary';
import type { Role } from './types';

export { governmentLevelLabels, passwordRule, roleLabels } from '../../../src/kernel/vocabulary';

export const roleOrder: Role[] = [...roles];

export const roleColors: Record<Role, string> = {
  officer: 'blue',
  reviewer: 'purple',
  agency_head: 'gold',
  supervisor: 'cyan',
  administrator: 'magenta',
  auditor: 'geekblue',
};

export const agencyKindLabels: Record<AgencyKind, string> = agencyKinds;

export const agencyKindOrder = Object.keys(agencyKindLabels) as AgencyKind[];

export const statusLabels = { active: '启用', inactive: '停用' } as const;
