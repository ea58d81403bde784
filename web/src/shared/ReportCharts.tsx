/**
 * The annual report's four charts with ECharts (modular imports, SVG renderer so text stays crisp and selectable):
 * cases by action type, decisions by outcome, review conclusions, publication timeliness. Each chart also has its
 * numbers as a visually hidden table, for screen readers.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartItem, Report } from './reports';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

const palette = ['#0b4ea2', '#237804', '#ad4e00', '#a8071a', '#531dab', '#006d75', '#595959', '#874d00', '#1d39c4'];
const font = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

function Chart({ title, items, kind }: { title: string; items: ChartItem[]; kind: 'bar' | 'pie' }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, null, { renderer: 'svg' });
    chart.setOption({
      color: palette,
      textStyle: { fontFamily: font },
      tooltip: { trigger: kind === 'bar' ? 'axis' : 'item' },
      animation: false,
      ...(kind === 'bar'
        ? {
            grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: items.map((i) => i.name), inverse: true, axisLabel: { width: 150, overflow: 'break' } },
            series: [{ type: 'bar', data: items.map((i) => i.value), label: { show: true, position: 'right' }, barMaxWidth: 22 }],
          }
        : {
            legend: { bottom: 0, type: 'scroll' },
            series: [
              {
                type: 'pie',
                radius: ['38%', '64%'],
                center: ['50%', '44%'],
                data: items.map((i) => ({ name: i.name, value: i.value })),
                label: { formatter: '{b}\n{c}' },
              },
            ],
          }),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [items, kind]);
  return (
    <figure className="report-chart">
      <figcaption>{title}</figcaption>
      <div
        ref={ref}
        className="report-chart-canvas"
        role="img"
        aria-label={`${title}：${items.map((i) => `${i.name}${i.value}`).join('，')}`}
      />
    </figure>
  );
}

export default function ReportCharts({ charts }: { charts: Report['charts'] }) {
  const total = (items: ChartItem[]) => items.reduce((sum, i) => sum + i.value, 0);
  return (
    <div className="report-charts">
      <Chart title="按执法行为类别的立案（受理）数" items={charts.byActionType} kind="bar" />
      <Chart title="执法决定" items={charts.outcomes.length ? charts.outcomes : [{ name: '无', value: 0 }]} kind="bar" />
      {total(charts.review) > 0 ? <Chart title="法制审核结论" items={charts.review} kind="pie" /> : null}
      {total(charts.disclosure) > 0 ? <Chart title="执法决定公示时效" items={charts.disclosure} kind="pie" /> : null}
    </div>
  );
}
