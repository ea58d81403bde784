import type { Selectable } from 'kysely';
import type { AgencyTable, GovernmentTable } from '../../db/schema.js';
import type { AgencyRow } from './agencies.repo.js';
import { agencyKindLabel } from './agency-kinds.js';

export function presentGovernment(row: Selectable<GovernmentTable>) {
  return { id: row.id, parentId: row.parent_id, level: row.level, divisionCode: row.division_code, name: row.name };
}

export function presentAgencyContact(row: Selectable<AgencyTable>) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    kindLabel: agencyKindLabel(row.kind),
    isJusticeBureau: row.is_justice_bureau === 1,
    address: row.address,
    phone: row.phone,
    supervisionPhone: row.supervision_phone,
    complaintChannel: row.complaint_channel,
    website: row.website,
    officeHours: row.office_hours,
  };
}

export function presentAgency(row: AgencyRow) {
  return {
    ...presentAgencyContact(row),
    governmentId: row.government_id,
    governmentName: row.government_name,
    shortName: row.short_name,
    uscc: row.uscc,
    isActive: row.is_active === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type Agency = ReturnType<typeof presentAgency>;
