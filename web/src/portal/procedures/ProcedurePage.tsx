/**
 * 执法流程图 on the portal: the procedure as the platform runs it — the same definition checks every case — with the
 * legal basis of each step and the statutory time limits.
 */
import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { LoadStatus } from '../catalog/parts';
import { useLoad } from '../catalog/useLoad';
import { procedurePath, proceduresOfActionType, publicProcedures } from './flow';
import ProcedureDiagram from './ProcedureDiagram';

export default function ProcedurePage() {
  const { key = '' } = useParams();
  const load = useCallback(() => publicProcedures.get(key), [key]);
  const { data, error, isLoading, reload } = useLoad(load);
  const definition = data?.definition ?? null;
  const siblings = definition ? (proceduresOfActionType[definition.actionType] ?? []).filter((p) => p.key !== definition.key) : [];

  return (
    <section aria-labelledby="procedure-title" className="portal-section">
      <nav aria-label="当前位置" className="catalog-breadcrumb">
        <Link to="/ex-ante">事前公开</Link>
        {' › '}
        <span>执法流程图</span>
      </nav>
      <h1 id="procedure-title">{definition ? `${definition.name}流程图` : '执法流程图'}</h1>
      <LoadStatus isLoading={isLoading} error={error} reload={reload} />
      {definition && data ? (
        <>
          <p className="procedure-basis">
            依据：{definition.basis}。本流程图由本平台办理案件所用的程序定义（第{definition.version}
            版）直接生成：系统按同一份定义校验每个案件的每个环节，公开的流程即实际执行的流程。
          </p>
          {siblings.length > 0 ? (
            <ul className="procedure-links">
              {siblings.map((p) => (
                <li key={p.key}>
                  <Link to={procedurePath(p.key)}>{p.label}</Link>
                </li>
              ))}
            </ul>
          ) : null}
          <ProcedureDiagram flow={data.flow} definition={definition} headingLevel={2} />
          {definition.clocks.length > 0 ? (
            <>
              <h2>法定期限</h2>
              <div className="procedure-table-wrap">
                <table className="procedure-clocks">
                  <caption className="flow-visually-hidden">{definition.name}的法定期限</caption>
                  <thead>
                    <tr>
                      <th scope="col">期限</th>
                      <th scope="col">期间</th>
                      <th scope="col">要求</th>
                      <th scope="col">依据</th>
                    </tr>
                  </thead>
                  <tbody>
                    {definition.clocks.map((clock) => (
                      <tr key={clock.key}>
                        <td>{clock.label}</td>
                        <td>
                          {clock.days}
                          {clock.unit === 'working' ? '个工作日' : '日'}
                        </td>
                        <td>{clock.duty}</td>
                        <td>{clock.basis}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="catalog-note">工作日按国务院办公厅公布的节假日安排计算，期间自事件发生的次日起算。</p>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
