import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  measureCategories,
  measureTimeliness,
  programmeStatuses,
  situationAssessments,
  ui,
} from '../lib/labels.ts';
import {
  type DistrictProgrammes,
  type ProgrammeOutcomes,
  programmesQuery,
  type TimelinessCounts,
} from '../lib/programmes.ts';
import { chartBars, expectCsvOfTable, screenshotPath, setUpDemo, tableCells } from './harness.ts';

const demo = setUpDemo();

interface View {
  district: string;
  asOf: string;
  from: string;
  to: string;
}

/** The demo’s view: Kirovsky on 31 Dec 2011, the events of 2011. */
const demoView: View = { district: 'kirovsky', asOf: '2011-12-31', from: '2011-01-01', to: '2011-12-31' };
const url = (view: View) => `/programmes?${new URLSearchParams({ ...view })}`;

/** Figures with none suppressed, as the commission reads its district's. */
type Unsuppressed<T> = T extends null ? never : T extends object ? { [K in keyof T]: Unsuppressed<T[K]> } : T;

/** What the gateway answers to the page’s own query, for the commission: no figure suppressed. */
async function outcomesOf({ district, asOf, from, to }: View) {
  const answer = await demo.gateway<{ district: DistrictProgrammes }>(programmesQuery, {
    code: district,
    asOf,
    from,
    to,
  });
  const outcomes = answer.district.programmeOutcomes;
  if (!outcomes) throw new Error('no programme outcomes');
  expect(JSON.stringify(outcomes)).not.toContain('null');
  return outcomes as Unsuppressed<ProgrammeOutcomes>;
}

/** `83.33…` → `83,3`: a share as the tables print it. */
const percent = (part: number, whole: number) =>
  whole === 0 ? ui.notApplicable : String(Math.round((part / whole) * 1000) / 10).replace('.', ',');
const timelinessKeys = Object.keys(measureTimeliness) as Array<keyof typeof measureTimeliness>;
const timelinessHeader = timelinessKeys.map((key) => measureTimeliness[key]);
const countsRow = (name: string, counts: Unsuppressed<TimelinessCounts>) => [
  name,
  String(counts.total),
  ...timelinessKeys.map((key) => String(counts[key])),
];

const panel = (id: string): Locator => demo.page.locator(`#${id}`);

describe('the programmes page', () => {
  test('opens from the navigation on the demo, with the programmes by status the gateway counts', async () => {
    const outcomes = await outcomesOf(demoView);
    await demo.open('/');
    await demo.page.waitForURL(/\?district=kirovsky&asOf=2011-12-31$/);
    await demo.page.getByRole('navigation').getByRole('link', { name: ui.nav[2].label }).click();
    // The period defaults to the year up to the date, and the URL says so.
    await demo.page.waitForURL(`${demo.dashboard.url}${url(demoView)}`);
    await expect.poll(() => demo.page.locator('h1').textContent()).toBe(ui.nav[2].label);
    expect(await demo.page.locator('.page-header').textContent()).toContain('Кировский район');

    const byStatus = panel('programmes-by-status');
    expect(await chartBars(byStatus)).toBeGreaterThan(0);
    const rows = await expectCsvOfTable(byStatus, 'programmes-by-status-kirovsky-2011-12-31.csv');
    const count = (status: string) => outcomes.byStatus.find((row) => row.status === status)?.programmes ?? 0;
    const total = outcomes.byStatus.reduce((sum, row) => sum + row.programmes, 0);
    expect(total).toBeGreaterThan(0);
    expect(rows).toEqual([
      [ui.programmes.status, ui.programmes.programmes],
      ...Object.entries(programmeStatuses).map(([status, label]) => [label, String(count(status))]),
      [ui.programmes.total, String(total)],
    ]);
    await demo.screenshot('programmes-kirovsky-2011-12-31');
  });

  test('counts the measures by timeliness, in total, by agency and by category, as the gateway does', async () => {
    const { measures, measuresByAgency, measuresByCategory } = await outcomesOf(demoView);
    expect(measures.total).toBeGreaterThan(0);
    expect(measures.overdue + measures.refusedByAgency).toBeGreaterThan(0);
    await demo.open(url(demoView));

    const total = panel('measures');
    expect(await chartBars(total)).toBeGreaterThan(0);
    expect(await expectCsvOfTable(total, 'measures-kirovsky-2011-12-31.csv')).toEqual([
      [ui.programmes.timeliness, ui.programmes.measures, `${ui.programmes.share}, %`],
      ...timelinessKeys.map((key) => [
        measureTimeliness[key],
        String(measures[key]),
        percent(measures[key], measures.total),
      ]),
      [ui.programmes.total, String(measures.total), '100'],
    ]);

    const byAgency = panel('measures-by-agency');
    expect(await chartBars(byAgency)).toBeGreaterThan(0);
    expect(await expectCsvOfTable(byAgency, 'measures-by-agency-kirovsky-2011-12-31.csv')).toEqual([
      [ui.programmes.agency, ui.programmes.measures, ...timelinessHeader],
      ...measuresByAgency.map(({ agency, counts }) => countsRow(agency.name, counts)),
    ]);
    // Every agency’s measures add up to the district’s.
    expect(measuresByAgency.reduce((sum, { counts }) => sum + counts.total, 0)).toBe(measures.total);
    // Overdue and refused stand out: their headers, and their figures other than 0.
    expect(await byAgency.locator('thead th.emphasis').allTextContents()).toEqual([
      measureTimeliness.overdue,
      measureTimeliness.refusedByAgency,
    ]);
    expect(await byAgency.locator('tbody td.emphasis').allTextContents()).toEqual(
      measuresByAgency.flatMap(({ counts }) =>
        [counts.overdue, counts.refusedByAgency].filter((count) => count > 0).map(String),
      ),
    );

    const byCategory = panel('measures-by-category');
    expect(await chartBars(byCategory)).toBeGreaterThan(0);
    expect(await expectCsvOfTable(byCategory, 'measures-by-category-kirovsky-2011-12-31.csv')).toEqual([
      [ui.programmes.category, ui.programmes.measures, ...timelinessHeader],
      ...measuresByCategory.map(({ category, counts }) => countsRow(measureCategories[category], counts)),
    ]);
    await byAgency.screenshot({ path: screenshotPath('programmes-by-agency') });
  });

  test('shows the families by their last report and the programmes reviewed and changed in the period', async () => {
    const outcomes = await outcomesOf(demoView);
    const { lastReport } = outcomes;
    expect(lastReport.families).toBeGreaterThan(0);
    await demo.open(url(demoView));

    const reports = panel('last-report');
    expect(await chartBars(reports)).toBeGreaterThan(0);
    expect(await expectCsvOfTable(reports, 'last-report-kirovsky-2011-12-31.csv')).toEqual([
      [ui.programmes.assessment, ui.programmes.families, `${ui.programmes.share}, %`],
      ...(Object.keys(situationAssessments) as Array<keyof typeof situationAssessments>).map((key) => [
        situationAssessments[key],
        String(lastReport[key]),
        percent(lastReport[key], lastReport.families),
      ]),
      [ui.programmes.total, String(lastReport.families), '100'],
    ]);

    const reviews = panel('reviews');
    expect(await chartBars(reviews)).toBeGreaterThan(0);
    expect(await expectCsvOfTable(reviews, 'reviews-kirovsky-2011-01-01-2011-12-31.csv')).toEqual([
      [ui.programmes.figure, ui.programmes.programmes],
      [ui.programmes.reviewed, String(outcomes.programmesReviewed)],
      [ui.programmes.changed, String(outcomes.programmesChangedAfterReview)],
    ]);
  });

  test('another date and period in the URL show that view’s figures', async () => {
    const earlier: View = { district: 'kirovsky', asOf: '2011-06-30', from: '2011-04-01', to: '2011-06-30' };
    const [before, now] = await Promise.all([outcomesOf(earlier), outcomesOf(demoView)]);
    expect(before.measures).not.toEqual(now.measures);
    await demo.open(url(earlier));
    await expect
      .poll(() => tableCells(panel('measures')).then((rows) => rows.slice(1).map((row) => row[1])))
      .toEqual([...timelinessKeys.map((key) => String(before.measures[key])), String(before.measures.total)]);
    expect((await tableCells(panel('reviews'))).slice(1)).toEqual([
      [ui.programmes.reviewed, String(before.programmesReviewed)],
      [ui.programmes.changed, String(before.programmesChangedAfterReview)],
    ]);
    await demo.screenshot('programmes-kirovsky-2011-06-30');
  });

  test('the period pickers put the period into the URL', async () => {
    await demo.open(url(demoView));
    await demo.page.getByLabel(ui.filters.from, { exact: true }).fill('2011-07-01');
    await demo.page.getByLabel(ui.filters.to, { exact: true }).fill('2011-09-30');
    await demo.page.getByRole('button', { name: ui.filters.apply }).click();
    await demo.page.waitForURL(/\?district=kirovsky&asOf=2011-12-31&from=2011-07-01&to=2011-09-30$/);
    const outcomes = await outcomesOf({ ...demoView, from: '2011-07-01', to: '2011-09-30' });
    await expect
      .poll(() => tableCells(panel('reviews')).then((rows) => rows.slice(1).map((row) => row[1])))
      .toEqual([String(outcomes.programmesReviewed), String(outcomes.programmesChangedAfterReview)]);
  });

  test('a period that ends before it starts falls back to the year up to the date', async () => {
    await demo.open(url({ ...demoView, from: '2011-12-01', to: '2011-11-01' }));
    await demo.page.waitForURL(`${demo.dashboard.url}${url(demoView)}`);
  });

  test('with the programmes subgraph down, the page names what is missing', async () => {
    await demo.stack.stopSubgraph('programmes');
    await demo.open(url(demoView));
    await expect
      .poll(() => demo.page.locator('main').getByRole('status').textContent())
      .toContain(ui.missingData('programmes'));
    expect(await demo.page.locator('.page-header').textContent()).toContain('Кировский район');
    expect(await demo.page.locator('.panel').count()).toBe(0);
    await demo.screenshot('programmes-subgraph-down');
  });
});
