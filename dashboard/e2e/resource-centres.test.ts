import { families } from '@kdn/demo';
import { describe, expect, test } from 'vitest';
import { ui } from '../lib/labels.ts';
import { type ResourceCentreFigures, resourceCentresQuery } from '../lib/resource-centres.ts';
import { chartBars, expectCsvOfTable, setUpDemo, tableCells } from './harness.ts';

// Every district's figures, none suppressed: an integrator reading aggregates.
const demo = setUpDemo({ user: 'integrator-aggregates' });

interface View {
  asOf: string;
  from: string;
  to: string;
}

const demoView: View = { asOf: '2011-12-31', from: '2011-01-01', to: '2011-12-31' };
const url = (view: View, sort = '') =>
  `/resource-centres?${new URLSearchParams({ district: 'kirovsky', ...view })}${sort}`;

async function centresOf(view: View) {
  const { resourceCentres } = await demo.gateway<{ resourceCentres: ResourceCentreFigures[] }>(
    resourceCentresQuery,
    { ...view },
  );
  expect(resourceCentres.length).toBe(2);
  return resourceCentres;
}

const number = (value: number) => String(value).replace('.', ',');
/** A count as the table shows it: «<3» when the gateway suppressed it (null). */
const count = (value: number | null) => (value === null ? ui.suppressed : number(value));
/** A share of two counts: «скрыто» when either is suppressed, «—» of nothing. */
const percent = (part: number | null, whole: number | null) => {
  if (part === null || whole === null) return ui.withheld;
  return whole === 0 ? ui.notApplicable : number(Math.round((part / whole) * 1000) / 10);
};
const yesNo = (value: boolean) => (value ? ui.centres.yes : ui.centres.no);

/** A centre’s line of the side-by-side table, from the gateway’s answer. */
function line(centre: ResourceCentreFigures) {
  const { district, agency } = centre;
  const checklist = centre.checklist;
  const homeVisitMonths = district.homeVisitMonths;
  if (!checklist || !agency.caseload || !district.register || !district.homeVisits || !homeVisitMonths)
    throw new Error(`incomplete figures for ${district.code}`);
  return [
    district.name,
    agency.name,
    yesNo(centre.headAppointed),
    yesNo(centre.secretaryAppointed),
    number(centre.staffFilled),
    number(centre.staffVacant),
    count(agency.caseload.curators),
    count(agency.caseload.wards),
    count(checklist.meetingsHeld),
    count(checklist.programmesReviewed),
    count(checklist.reportsDue),
    count(checklist.reportsOnTime),
    percent(checklist.reportsOnTime, checklist.reportsDue),
    count(checklist.reportsWeighingChange),
    count(checklist.programmesCorrected),
    count(checklist.priorityMeasuresDue),
    count(checklist.priorityMeasuresDone),
    percent(checklist.priorityMeasuresDone, checklist.priorityMeasuresDue),
    count(district.register.families),
    count(district.homeVisits.activeWards),
    percent(homeVisitMonths.withHomeVisit, homeVisitMonths.wardMonths),
    count(district.homeVisits.overdueWards),
  ];
}

const header = [
  ui.centres.district,
  ui.centres.centre,
  ui.centres.headAppointed,
  ui.centres.secretaryAppointed,
  ui.centres.staffFilled,
  ui.centres.staffVacant,
  ui.centres.centreCurators,
  ui.centres.centreWards,
  ui.centres.meetingsHeld,
  ui.centres.programmesReviewed,
  ui.centres.reportsDue,
  ui.centres.reportsOnTime,
  ui.centres.reportsOnTimeShare,
  ui.centres.reportsWeighingChange,
  ui.centres.programmesCorrected,
  ui.centres.priorityMeasuresDue,
  ui.centres.priorityMeasuresDone,
  ui.centres.priorityMeasuresDoneShare,
  ui.centres.familiesOnRegister,
  ui.centres.activeWards,
  ui.centres.homeVisitShare,
  ui.centres.overdueWards,
];

const byDistrictName = (a: ResourceCentreFigures, b: ResourceCentreFigures) =>
  a.district.name.localeCompare(b.district.name, 'ru');
const table = () => demo.page.locator('#resource-centres');
const districtsInOrder = () => tableCells(table()).then((rows) => rows.slice(1).map(([name]) => name));

describe('the resource centres page', () => {
  test('opens from the navigation with every district’s centre side by side, as the gateway answers', async () => {
    const centres = await centresOf(demoView);
    await demo.open('/');
    await demo.page.waitForURL(/\?district=kirovsky&asOf=2011-12-31$/);
    await demo.page.getByRole('navigation').getByRole('link', { name: ui.nav[3].label }).click();
    await demo.page.waitForURL(`${demo.dashboard.url}${url(demoView)}`);
    await expect.poll(() => demo.page.locator('h1').textContent()).toBe(ui.nav[3].label);

    const rows = await expectCsvOfTable(table(), 'resource-centres-2011-12-31-2011-01-01-2011-12-31.csv');
    expect(rows).toEqual([header, ...[...centres].sort(byDistrictName).map(line)]);
    // Resolution No. 2: Kachinsky has 3 staff and 2.5 vacancies, and two of its specialists curate two families.
    const kachinsky = rows.find(([district]) => district === 'Железнодорожный район');
    expect(kachinsky?.slice(4, 8)).toEqual(['3', '2,5', '2', '2']);
    await demo.screenshot('resource-centres-2011-12-31');
  });

  test('compares the centres’ shares in a chart with its table', async () => {
    const centres = await centresOf(demoView);
    await demo.open(url(demoView));
    const shares = demo.page.locator('#centre-shares');
    expect(await chartBars(shares)).toBeGreaterThan(0);
    const rows = await expectCsvOfTable(
      shares,
      'resource-centre-shares-2011-12-31-2011-01-01-2011-12-31.csv',
    );
    expect(rows).toEqual([
      [
        ui.centres.district,
        ui.centres.reportsOnTimeShare,
        ui.centres.priorityMeasuresDoneShare,
        ui.centres.homeVisitShare,
      ],
      ...[...centres].sort(byDistrictName).map((centre) => {
        const full = line(centre);
        return [full[0], full[12], full[17], full[20]];
      }),
    ]);
  });

  test('a column header sorts the rows by it, and again the other way round', async () => {
    const centres = await centresOf(demoView);
    // A figure the two centres differ on, so that its order is not the districts’ by chance.
    const column = header.findIndex(
      (_, index) => index >= 4 && new Set(centres.map((centre) => line(centre)[index])).size > 1,
    );
    expect(column).toBeGreaterThan(0);
    const value = (centre: ResourceCentreFigures) => Number((line(centre)[column] ?? '').replace(',', '.'));
    const descending = [...centres].sort((a, b) => value(b) - value(a)).map(({ district }) => district.name);

    await demo.open(url(demoView));
    await table().locator('thead th').nth(column).getByRole('link').click();
    await demo.page.waitForURL(/&sort=\w+&dir=desc$/);
    await expect.poll(districtsInOrder).toEqual(descending);
    expect(await table().locator('thead th').nth(column).getAttribute('aria-sort')).toBe('descending');

    await table().locator('thead th').nth(column).getByRole('link').click();
    await demo.page.waitForURL(/&sort=\w+&dir=asc$/);
    await expect.poll(districtsInOrder).toEqual([...descending].reverse());
    await demo.screenshot('resource-centres-sorted');
  });

  test('the sort order named in the URL holds, and survives a change of date', async () => {
    const sort = '&sort=district&dir=desc';
    const centres = await centresOf(demoView);
    const names = [...centres].sort(byDistrictName).map(({ district }) => district.name);
    await demo.open(url(demoView, sort));
    await expect.poll(districtsInOrder).toEqual([...names].reverse());
    await demo.page.getByLabel(ui.filters.asOf).fill('2011-06-30');
    await demo.page.getByRole('button', { name: ui.filters.apply }).click();
    await demo.page.waitForURL(/asOf=2011-06-30&from=2011-01-01&to=2011-12-31&sort=district&dir=desc$/);
    await expect.poll(districtsInOrder).toEqual([...names].reverse());
  });

  test('another date and period in the URL show that view’s figures', async () => {
    const earlier: View = { asOf: '2011-06-30', from: '2011-04-01', to: '2011-06-30' };
    const [before, now] = await Promise.all([centresOf(earlier), centresOf(demoView)]);
    expect(before.map(line)).not.toEqual(now.map(line));
    await demo.open(url(earlier));
    await expect
      .poll(() => tableCells(table()))
      .toEqual([header, ...[...before].sort(byDistrictName).map(line)]);
  });

  test('a methodologist compares every district’s centre with no family’s name or address, small figures suppressed', async () => {
    await demo.signIn('methodologist');
    // The gateway's answer to the methodologist's own token.
    const centres = await centresOf(demoView);
    const lines = [...centres].sort(byDistrictName).map(line);
    expect(lines.flat()).toContain(ui.suppressed);
    await demo.open(url(demoView));
    expect(await expectCsvOfTable(table(), 'resource-centres-2011-12-31-2011-01-01-2011-12-31.csv')).toEqual([
      header,
      ...lines,
    ]);
    expect(await demo.page.locator('#suppression-note').textContent()).toBe(ui.suppressionNote);
    // The chart draws only the shares the table shows as figures.
    const shares = lines.flatMap((row) => [row[12], row[17], row[20]]);
    if (shares.some((share) => share !== ui.withheld && share !== ui.notApplicable))
      expect(await chartBars(demo.page.locator('#centre-shares'))).toBeGreaterThan(0);

    const text = await demo.page.locator('body').innerText();
    const personal = families.flatMap((family) => [
      family.address,
      ...family.minors.flatMap(({ lastName, firstName }) => [
        `${lastName} ${firstName}`,
        `${firstName} ${lastName}`,
      ]),
    ]);
    expect(personal.length).toBeGreaterThan(0);
    expect(personal.filter((value) => text.includes(value))).toEqual([]);
    await demo.screenshot('resource-centres-methodologist');
  });

  test('with the programmes subgraph down, the rest of the figures stay and the page names what is missing', async () => {
    await demo.stack.stopSubgraph('programmes');
    await demo.open(url(demoView));
    await expect
      .poll(() => demo.page.locator('main').getByRole('status').textContent())
      .toContain(ui.missingData('programmes'));
    const rows = await tableCells(table());
    const centres = await demo.gateway<{ resourceCentres: Array<{ district: { name: string } }> }>(
      '{ resourceCentres { district { name } } }',
    );
    expect(
      rows
        .slice(1)
        .map(([name]) => name)
        .sort(),
    ).toEqual(centres.resourceCentres.map(({ district }) => district.name).sort());
    // The checklist comes from the programmes subgraph; the staff and the register do not.
    for (const row of rows.slice(1)) {
      expect(row.slice(8, 18)).toEqual(Array(10).fill(ui.noData));
      expect(row[18]).not.toBe(ui.noData);
    }
    await demo.screenshot('resource-centres-programmes-down');
  });
});
