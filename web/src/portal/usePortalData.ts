import { createContext, useContext } from 'react';
import type { Portal } from '../shared/types';

export interface PortalDataState {
  data: Portal | null;
  error: string | null;
  isLoading: boolean;
  reload: () => void;
}

export const PortalDataContext = createContext<PortalDataState>({
  data: null,
  error: null,
  isLoading: true,
  reload: () => {},
});

export function usePortalData(): PortalDataState {
  return useContext(PortalDataContext);
}

/** The government's name as the portal shows it (with its city), or '' before it is known. */
export function governmentNameOf(data: Portal | null): string {
  const government = data?.government;
  return government ? government.fullName || government.name : '';
}
