/** The report's figures, one table a section; staff may open the records a figure counts (onTrace). */
import { formatFigure, type Report, type ReportFigure } from './reports';

interface Props {
  report: Report;
  headingLevel: 2 | 3;
  onTrace?: (figure: ReportFigure) => void;
}

export default function ReportFigures({ report, headingLevel, onTrace }: Props) {
  const Heading = `h${headingLevel}` as const;
  return (
    <>
      {report.sections.map((section) => (
        <section key={section.key} aria-labelledby={`report-section-${section.key}`}>
          <Heading id={`report-section-${section.key}`}>{section.label}</Heading>
          <table className="report-figures">
            <caption className="report-visually-hidden">{section.label}</caption>
            <thead>
              <tr>
                <th scope="col">项目</th>
                <th scope="col" className="report-value">
                  数值
                </th>
              </tr>
            </thead>
            <tbody>
              {section.figures.map((figure) => (
                <tr key={figure.key}>
                  <th scope="row">
                    {figure.label}
                    {figure.note ? <div className="report-note">{figure.note}</div> : null}
                  </th>
                  <td className="report-value">
                    {onTrace && figure.sourceCount > 0 ? (
                      <button
                        type="button"
                        className="report-trace"
                        onClick={() => onTrace(figure)}
                        aria-label={`${figure.label}：查看所统计的记录`}
                      >
                        {formatFigure(figure.value, figure.unit)}
                      </button>
                    ) : (
                      formatFigure(figure.value, figure.unit)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
