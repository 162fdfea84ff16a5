import type { Metadata } from 'next';
import { BarChartView } from '../../components/BarChartView.tsx';
import { ChartPanel } from '../../components/ChartPanel.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { districtPage } from '../../components/SignedInPage.tsx';
import { TimelinessPanel } from '../../components/TimelinessPanel.tsx';
import type { Period } from '../../lib/filters.ts';
import { formatDate, formatFigure } from '../../lib/format.ts';
import { measureCategories, ui } from '../../lib/labels.ts';
import {
  assessmentRows,
  lastReportTable,
  loadProgrammes,
  type ProgrammeOutcomes,
  reviewRows,
  reviewsTable,
  statusCounts,
  statusTable,
  timelinessRows,
  timelinessTable,
} from '../../lib/programmes.ts';
import { seesSuppressedFigures } from '../../lib/roles.ts';

const title = ui.nav[2].label;
export const metadata: Metadata = { title };

export default districtPage(
  { path: '/programmes', title, withPeriod: true },
  async ({ code, asOf, period }, { token, user }) => {
    const { district, notices } = await loadProgrammes(token, code, asOf, period);
    const outcomes = district?.programmeOutcomes;
    return (
      <>
        <PageHeader
          title={title}
          subtitle={district?.name}
          dates={ui.dataOnAndDuring(formatDate(asOf), formatDate(period.from), formatDate(period.to))}
          notices={notices}
          suppressed={seesSuppressedFigures(user)}
        />
        {outcomes && <Outcomes code={code} asOf={asOf} period={period} outcomes={outcomes} />}
      </>
    );
  },
);

function Outcomes({
  code,
  asOf,
  period,
  outcomes,
}: {
  code: string;
  asOf: string;
  period: Period;
  outcomes: ProgrammeOutcomes;
}) {
  const { programmes: labels } = ui;
  const date = formatDate(asOf);
  const file = (name: string) => `${name}-${code}-${asOf}.csv`;
  return (
    <>
      {outcomes.byStatus.length === 0 ? (
        <p className="empty-state">{labels.noneStarted}</p>
      ) : (
        <ChartPanel
          id="programmes-by-status"
          title={labels.byStatus(date)}
          chart={
            <BarChartView
              data={statusCounts(outcomes.byStatus)}
              category="status"
              series={[{ key: 'programmes', label: labels.programmes, color: '#2f6f9f' }]}
            />
          }
          table={statusTable(outcomes.byStatus, asOf)}
          csvFileName={file('programmes-by-status')}
        />
      )}
      {outcomes.measures.total === 0 ? (
        <p className="empty-state">{labels.noMeasures}</p>
      ) : (
        <>
          <ChartPanel
            id="measures"
            title={labels.measuresTitle(date)}
            note={<p className="muted">{labels.measuresNote}</p>}
            chart={
              <BarChartView
                data={timelinessRows(outcomes.measures)}
                category="timeliness"
                series={[{ key: 'measures', label: labels.measures, color: '#4a7c74' }]}
              />
            }
            table={timelinessTable(outcomes.measures, asOf)}
            tableWidth="half"
            csvFileName={file('measures')}
          />
          <TimelinessPanel
            id="measures-by-agency"
            title={labels.byAgencyTitle}
            note={labels.byAgencyNote}
            nameColumn={labels.agency}
            lines={outcomes.measuresByAgency.map(({ agency, counts }) => ({ name: agency.name, counts }))}
            csvFileName={file('measures-by-agency')}
          />
          <TimelinessPanel
            id="measures-by-category"
            title={labels.byCategoryTitle}
            nameColumn={labels.category}
            lines={outcomes.measuresByCategory.map(({ category, counts }) => ({
              name: measureCategories[category],
              counts,
            }))}
            csvFileName={file('measures-by-category')}
          />
        </>
      )}
      {outcomes.lastReport.families === 0 ? (
        <p className="empty-state">{labels.noReports}</p>
      ) : (
        <ChartPanel
          id="last-report"
          title={labels.lastReportTitle(date)}
          note={<p className="muted">{labels.lastReportNote(formatFigure(outcomes.lastReport.families))}</p>}
          chart={
            <BarChartView
              data={assessmentRows(outcomes.lastReport)}
              category="assessment"
              series={[{ key: 'families', label: labels.families, color: '#2f6f9f' }]}
            />
          }
          table={lastReportTable(outcomes.lastReport, asOf)}
          tableWidth="half"
          csvFileName={file('last-report')}
        />
      )}
      <ChartPanel
        id="reviews"
        title={labels.reviewsTitle(formatDate(period.from), formatDate(period.to))}
        note={<p className="muted">{labels.reviewsNote}</p>}
        chart={
          <BarChartView
            data={reviewRows(outcomes)}
            category="figure"
            series={[{ key: 'programmes', label: labels.programmes, color: '#4a7c74' }]}
          />
        }
        table={reviewsTable(outcomes, period)}
        csvFileName={`reviews-${code}-${period.from}-${period.to}.csv`}
      />
    </>
  );
}
