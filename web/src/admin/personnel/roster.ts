import { type Certificate, currentCertificate, type Officer, type OfficerQuery, officers } from '../../shared/personnel';
import type { Page } from '../../shared/types';

/** An officer of the roster with the certificate they hold now (null: none; auxiliary staff hold none). */
export type RosterRow = Officer & { certificate: Certificate | null; certificateError?: boolean };

/**
 * One page of the roster with each officer's current certificate. The list answer does not carry the certificate, so
 * it is read per officer of the page (at most a page's worth of small requests); a failed read shows as unknown.
 */
export async function fetchRosterPage(query: OfficerQuery): Promise<Page<RosterRow>> {
  const page = await officers.list(query);
  const items = await Promise.all(
    page.items.map(async (officer): Promise<RosterRow> => {
      const withCertificate = officer as Officer & { certificate?: Certificate | null };
      if (withCertificate.certificate !== undefined) return { ...officer, certificate: withCertificate.certificate };
      if (officer.isAuxiliary) return { ...officer, certificate: null };
      try {
        const { items: held } = await officers.certificates(officer.id);
        return { ...officer, certificate: currentCertificate(held) };
      } catch {
        return { ...officer, certificate: null, certificateError: true };
      }
    }),
  );
  return { items, total: page.total };
}
