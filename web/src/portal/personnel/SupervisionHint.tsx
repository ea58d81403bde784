import { usePortalData } from '../usePortalData';

/** Where to turn when something is wrong: the supervision phone of the justice bureau, and 12345. */
export default function SupervisionHint({ lead }: { lead: string }) {
  const { data } = usePortalData();
  const bureau = data?.justiceBureau ?? null;
  return (
    <p className="verify-hint">
      {lead}
      可拨打 <strong>12345</strong> 政务服务便民热线
      {bureau?.supervisionPhone ? (
        <>
          ，或{bureau.name}监督电话{' '}
          <a className="verify-tel" href={`tel:${bureau.supervisionPhone.replace(/[^\d+]/g, '')}`}>
            {bureau.supervisionPhone}
          </a>
        </>
      ) : null}
      反映。
    </p>
  );
}
