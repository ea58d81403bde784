/**
 * A procedure drawn as a flowchart, top down: each stage (阶段) a box, in rows one step apart; in each box the steps
 * taken there (办理环节) — those that lead on, with the stage they lead to, and those that may be repeated within it —
 * each with its legal basis. Steps open at many stages are listed once beside the chart. Plain HTML and CSS, so the
 * portal and the staff app draw it alike and it reads on a phone.
 */
import { Fragment } from 'react';
import { crossCuttingSteps, type FlowDefinition, type FlowNode, layoutRows, type ProcedureFlow } from './flow';
import './procedures.css';

interface Props {
  flow: ProcedureFlow;
  definition: FlowDefinition;
  /** The case's stage, highlighted. */
  currentStatus?: string;
  /** Stages the case has passed through. */
  visited?: ReadonlySet<string>;
  /** Steps the case may take now, highlighted. */
  available?: ReadonlySet<string>;
  showBasis?: boolean;
  /** Heading level of each stage's name. */
  headingLevel?: 2 | 3 | 4;
}

export default function ProcedureDiagram({
  flow,
  definition,
  currentStatus,
  visited,
  available,
  showBasis = true,
  headingLevel = 3,
}: Props) {
  const rows = layoutRows(flow);
  const cross = crossCuttingSteps(definition);
  const crossKeys = new Set(cross.map((s) => s.key));
  const labelOf = (id: string) => flow.nodes.find((n) => n.id === id)?.label ?? id;
  const stepOf = (key: string) => definition.steps.find((s) => s.key === key);
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const SubHeading = `h${Math.min(headingLevel + 1, 5)}` as 'h3' | 'h4' | 'h5';

  const stageClass = (node: FlowNode) =>
    [
      'flow-stage',
      node.id === 'start' ? 'flow-stage-start' : '',
      node.final ? 'flow-stage-final' : '',
      node.id === currentStatus ? 'flow-stage-current' : '',
      visited?.has(node.id) && node.id !== currentStatus ? 'flow-stage-visited' : '',
    ]
      .filter(Boolean)
      .join(' ');

  const basisOf = (key: string) => (showBasis ? stepOf(key)?.basis : undefined);

  const stepLine = (key: string, label: string, target: string | null) => {
    const isAvailable = available?.has(key) ?? false;
    const basis = basisOf(key);
    return (
      <li key={`${key}-${target ?? 'loop'}`} className={isAvailable ? 'flow-step flow-step-available' : 'flow-step'}>
        <span className="flow-step-label">{label}</span>
        {target ? (
          <span className="flow-step-target">
            <span aria-hidden="true"> → </span>
            <span className="flow-visually-hidden">，转入</span>
            {labelOf(target)}
          </span>
        ) : null}
        {isAvailable ? <span className="flow-badge">可办理</span> : null}
        {basis ? <span className="flow-step-basis">{basis}</span> : null}
      </li>
    );
  };

  const stage = (node: FlowNode) => {
    const leaving = flow.edges.filter((e) => e.from === node.id && !crossKeys.has(e.step));
    const staying = (flow.loops[node.id] ?? []).filter((s) => !crossKeys.has(s.step));
    const incoming = flow.edges.filter((e) => e.to === node.id);
    const onlyFromCross = incoming.length > 0 && incoming.every((e) => crossKeys.has(e.step));
    const elsewhere = cross.filter((s) => s.from?.includes(node.id));
    return (
      <section key={node.id} className={stageClass(node)} aria-label={`阶段：${node.label}`}>
        <Heading className="flow-stage-title">
          {node.label}
          {node.id === currentStatus ? <span className="flow-badge flow-badge-current">当前阶段</span> : null}
          {node.final ? <span className="flow-badge flow-badge-final">办结</span> : null}
        </Heading>
        {onlyFromCross ? (
          <p className="flow-note">
            经“{[...new Set(incoming.map((e) => e.label))].join('、')}”由{[...new Set(incoming.map((e) => labelOf(e.from)))].join('、')}
            阶段转入
          </p>
        ) : null}
        {staying.length > 0 ? (
          <>
            <p className="flow-list-title">本阶段可办理（可多次）</p>
            <ul className="flow-steps">{staying.map((s) => stepLine(s.step, s.label, null))}</ul>
          </>
        ) : null}
        {leaving.length > 0 ? (
          <>
            <p className="flow-list-title">{node.id === 'start' ? '启动' : '下一环节'}</p>
            <ul className="flow-steps">{leaving.map((e) => stepLine(e.step, e.label, e.to))}</ul>
          </>
        ) : null}
        {elsewhere.length > 0 ? <p className="flow-note">另可办理：{elsewhere.map((s) => s.label).join('、')}</p> : null}
      </section>
    );
  };

  return (
    <figure className="flow" aria-label={`${definition.name}流程图`}>
      <div className="flow-layout">
        <div className="flow-chart">
          {rows.map((row, index) => (
            <Fragment key={row.map((n) => n.id).join('-')}>
              {index > 0 ? (
                <div className="flow-connector" aria-hidden="true">
                  <span />
                </div>
              ) : null}
              <div className="flow-row">{row.map(stage)}</div>
            </Fragment>
          ))}
        </div>
        {cross.length > 0 ? (
          <aside className="flow-side" aria-label="多个阶段均可办理的环节">
            <SubHeading className="flow-side-title">多个阶段均可办理的环节</SubHeading>
            <ul className="flow-steps">
              {cross.map((step) => {
                const isAvailable = available?.has(step.key) ?? false;
                const basis = basisOf(step.key);
                return (
                  <li key={step.key} className={isAvailable ? 'flow-step flow-step-available' : 'flow-step'}>
                    <span className="flow-step-label">{step.label}</span>
                    {step.to ? (
                      <span className="flow-step-target">
                        <span aria-hidden="true"> → </span>
                        <span className="flow-visually-hidden">，转入</span>
                        {labelOf(step.to)}
                      </span>
                    ) : null}
                    {isAvailable ? <span className="flow-badge">可办理</span> : null}
                    <span className="flow-step-where">可在{(step.from ?? []).map(labelOf).join('、')}阶段办理</span>
                    {basis ? <span className="flow-step-basis">{basis}</span> : null}
                  </li>
                );
              })}
            </ul>
          </aside>
        ) : null}
      </div>
    </figure>
  );
}
