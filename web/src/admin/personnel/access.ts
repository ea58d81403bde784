import { hasRole, useAuth } from '../auth/AuthContext';

/** The agency head keeps their agency's roster; an administrator any agency's (the server checks the same). */
export function useRosterKeeper(): { canKeep: (agencyId: string) => boolean; canAdd: boolean; isAdministrator: boolean } {
  const { user } = useAuth();
  const isAdministrator = hasRole(user, 'administrator');
  const isHead = hasRole(user, 'agency_head') && !!user?.agency;
  return {
    canKeep: (agencyId) => isAdministrator || (isHead && user?.agency?.id === agencyId),
    canAdd: isAdministrator || isHead,
    isAdministrator,
  };
}
