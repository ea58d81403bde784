import { Link } from 'react-router-dom';
import AgencyCard from './AgencyCard';
import StatusMessage from './StatusMessage';
import { governmentNameOf, usePortalData } from './usePortalData';

const HOME_AGENCY_LIMIT = 9;

const systems = [
  {
    title: '行政执法公示制度',
    text: '行政执法机关依法及时主动向社会公开有关行政执法信息：事前公开执法主体、人员、职责、权限、依据、程序、救济渠道和随机抽查事项清单；事中出示执法证件、表明身份；事后公开执法决定，让行政执法在阳光下运行，自觉接受群众监督。',
  },
  {
    title: '执法全过程记录制度',
    text: '通过文字、音像等记录方式，对行政执法的启动、调查取证、审核决定、送达执行等全部过程进行记录并全面系统归档保存，做到执法全过程留痕和可回溯管理，记录一经形成不得删除、篡改。',
  },
  {
    title: '重大执法决定法制审核制度',
    text: '行政执法机关作出重大执法决定之前，必须进行法制审核；未经法制审核或者审核未通过的，不得作出决定，确保每项重大执法决定都经过合法性审查，守住法律底线。',
  },
];

export default function HomePage() {
  const { data } = usePortalData();
  const governmentName = governmentNameOf(data) || '本级人民政府';
  const agencies = data?.agencies ?? [];
  const shown = agencies.slice(0, HOME_AGENCY_LIMIT);

  return (
    <>
      <section aria-labelledby="intro-title" className="portal-section">
        <h1 id="intro-title">全面推行行政执法三项制度</h1>
        <p className="portal-lead">
          推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度（以下统称“三项制度”），是促进严格规范公正文明执法，保障和监督行政机关有效履行职责，维护人民群众合法权益的重要举措。
        </p>
        <p className="portal-lead">
          本平台是{governmentName}
          统一的行政执法信息公示平台，集中公开本级各行政执法主体的执法信息，接受社会监督。公民、法人和其他组织可以在本平台查询执法主体及其监督投诉渠道。
        </p>
        <ul className="systems-grid">
          {systems.map((system) => (
            <li key={system.title} className="system-card">
              <h2>{system.title}</h2>
              <p>{system.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="agencies-title" className="portal-section">
        <div className="portal-section-head">
          <h2 id="agencies-title">执法主体</h2>
          {agencies.length > 0 ? (
            <Link to="/agencies" className="portal-more">
              查看全部{agencies.length}个执法主体
            </Link>
          ) : null}
        </div>
        <StatusMessage />
        {data && agencies.length === 0 ? <p>暂无公开的执法主体信息。</p> : null}
        {shown.length > 0 ? (
          <ul className="agency-grid">
            {shown.map((agency) => (
              <li key={agency.id}>
                <AgencyCard agency={agency} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
