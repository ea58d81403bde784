import type { CatalogVersion, Me } from '../../shared/types';
import { hasRole } from '../auth/AuthContext';

/** Officers and the head of an agency compile its lists; administrators may act for any agency (as the server rules). */
export function canCompile(me: Me | null, agencyId: string): boolean {
  if (!me) return false;
  return hasRole(me, 'administrator') || (hasRole(me, 'officer', 'agency_head') && me.agency?.id === agencyId);
}

/** The agency's own legal reviewers review its lists. */
export function isAgencyReviewer(me: Me | null, agencyId: string): boolean {
  return !!me && hasRole(me, 'reviewer') && me.agency?.id === agencyId;
}

/** Whether the reviewer compiled or submitted this version (then another reviewer must review it). */
export function isOwnWork(me: Me | null, version: CatalogVersion): boolean {
  return !!me && (version.createdBy === me.id || version.submittedBy === me.id);
}

/** Supervisors, auditors and administrators look at other agencies' lists; everyone else sees their own. */
export function canPickAgency(me: Me | null): boolean {
  return !!me && (hasRole(me, 'supervisor', 'administrator', 'auditor') || !me.agency);
}

export function isEditable(version: CatalogVersion): boolean {
  return version.status === 'draft' || version.status === 'returned';
}
