import { families } from '@kdn/demo';
import { demoUser, demoUsers } from '@kdn/demo/users';
import { beforeAll, describe, expect, test } from 'vitest';
import { type CuratorWards, curatorQuery } from '../lib/curators.ts';
import { agencyKinds, ui } from '../lib/labels.ts';
import { chartBars, expectCsvOfTable, screenshotPath, setUpDemo, signIn, tableCells } from './harness.ts';

// Signed in as the commission of Kirovsky unless a test says otherwise.
const demo = setUpDemo();

const open = (query: string) => demo.open(query);
const screenshot = (name: string) => demo.screenshot(name);
const gateway = <T>(query: string, variables?: Record<string, unknown>) => demo.gateway<T>(query, variables);
const figures = (id: 'register' | 'registered-during') => demo.page.locator(`#${id} dd`).allTextContents();

async function registerThroughGateway(district: string, asOf: string) {
  const { district: figures } = await gateway<{
    district: { register: { families: number; minors: number } };
  }>(
    'query ($district: String!, $asOf: Date!) { district(code: $district) { register(asOf: $asOf) { families minors } } }',
    { district, asOf },
  );
  return figures.register;
}

describe('signing in', () => {
  test('a visit without signing in goes to the sign-in page, which offers a user of each role', async () => {
    const context = await demo.browser.newContext({ locale: 'ru-RU' });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${demo.dashboard.url}/curators?district=kirovsky&asOf=2011-12-31`);
      // An HTTP redirect, before any page renders.
      expect(response?.request().redirectedFrom()?.url()).toBe(
        `${demo.dashboard.url}/curators?district=kirovsky&asOf=2011-12-31`,
      );
      expect(page.url()).toBe(`${demo.dashboard.url}/sign-in`);
      expect(await page.locator('h1').textContent()).toBe(ui.signIn.title);
      expect(await page.locator('main').getByRole('button').allTextContents()).toEqual(
        demoUsers.map(({ title }) => title),
      );
      expect(await page.getByRole('navigation').count()).toBe(0);
      expect(await page.locator('.panel table').count()).toBe(0);

      // A role without figures is told what it can do here, and signs out from the header.
      await signIn(page, demo.dashboard.url, 'admin');
      await expect.poll(() => page.locator('#role-notice p').last().textContent()).toBe(ui.roleNotice.ADMIN);
      expect(await page.locator('#signed-in-user').textContent()).toBe(demoUser('admin').title);
      expect(await page.getByRole('navigation').count()).toBe(0);
      await page.getByRole('button', { name: ui.session.signOut }).click();
      await page.waitForURL(`${demo.dashboard.url}/sign-in`);
      await page.goto(`${demo.dashboard.url}/`);
      await page.waitForURL(`${demo.dashboard.url}/sign-in`);
    } finally {
      await context.close();
    }
  });

  test('a commission reads only its own district: the picker offers no other, and another’s URL says so', async () => {
    await open('/?district=kirovsky&asOf=2011-12-31');
    expect(await demo.page.locator('#signed-in-user').textContent()).toBe(
      demoUser('commission-kirovsky').title,
    );
    expect(await demo.page.getByLabel(ui.filters.district).locator('option').allTextContents()).toEqual([
      'Кировский район',
    ]);
    await open('/?district=zheleznodorozhny&asOf=2011-12-31');
    await expect
      .poll(() => demo.page.locator('main').getByRole('status').textContent())
      .toBe(ui.noAccess.district('Железнодорожный район'));
    expect(await demo.page.locator('#register').count()).toBe(0);
  });
});

describe('the district overview', () => {
  test('opens on Kirovsky on 31 Dec 2011 with the figures of Resolution No. 2', async () => {
    await open('/');
    await demo.page.waitForURL(/\?district=kirovsky&asOf=2011-12-31$/);
    await expect.poll(() => figures('register')).toEqual(['25', '37']);
    expect(await figures('registered-during')).toEqual(['25', '42']);
    await expect.poll(() => demo.page.locator('h1').textContent()).toBe('Кировский район');
    await demo.page.locator('.recharts-bar-rectangle path').first().waitFor();
    await screenshot('overview-kirovsky-2011-12-31');
  });

  test.each(['staff', 'agencies'])(
    'draws the %s chart, and its CSV is exactly the table beside it',
    async (id) => {
      await open('/?district=kirovsky&asOf=2011-12-31');
      const panel = demo.page.locator(`#${id}`);
      expect(await chartBars(panel)).toBeGreaterThan(0);
      await expectCsvOfTable(panel, `${id}-kirovsky.csv`);
    },
  );

  test('shows the caseload of the curators by kind of agency, as Resolution No. 2 gives it', async () => {
    await open('/?district=kirovsky&asOf=2011-12-31');
    const panel = demo.page.locator('#caseload');
    expect(await chartBars(panel)).toBeGreaterThan(0);
    const table = await expectCsvOfTable(panel, 'caseload-kirovsky-2011-12-31.csv');
    expect(table).toEqual([
      [ui.caseload.kind, ui.caseload.curators, ui.caseload.families, ui.caseload.minors],
      [agencyKinds.EDUCATION, '7', '7', '9'],
      [agencyKinds.POLICE_JUVENILE_UNIT, '9', '14', '23'],
      [agencyKinds.GUARDIANSHIP, '1', '1', '1'],
      [agencyKinds.SOCIAL_SERVICE_CENTRE, '2', '3', '4'],
      [ui.caseload.total, '19', '25', '37'],
    ]);
    await panel.screenshot({ path: screenshotPath('overview-caseload') });
  });

  test('the pickers put the district and the date into the URL', async () => {
    // A user who reads every district's figures: an integrator with `aggregates:read`.
    await demo.signIn('integrator-aggregates');
    await open('/?district=kirovsky&asOf=2011-12-31');
    await demo.page.getByLabel(ui.filters.district).selectOption('zheleznodorozhny');
    await demo.page.waitForURL(/district=zheleznodorozhny/);
    await demo.page.getByLabel(ui.filters.asOf).fill('2012-02-01');
    await demo.page.getByRole('button', { name: ui.filters.apply }).click();
    await demo.page.waitForURL(/\?district=zheleznodorozhny&asOf=2012-02-01$/);
    await expect.poll(() => figures('register')).toEqual(['24', '36']);
    await demo.page.locator('.recharts-bar-rectangle path').first().waitFor();
    await screenshot('overview-zheleznodorozhny-2012-02-01');
  });

  test('another date in the URL shows that day’s register', async () => {
    const expected = await registerThroughGateway('kirovsky', '2010-12-31');
    expect(expected.families).toBeLessThan(25);
    await open('/?district=kirovsky&asOf=2010-12-31');
    await expect
      .poll(() => figures('register'))
      .toEqual([String(expected.families), String(expected.minors)]);
  });

  test('the sections keep the filters', async () => {
    await open('/?district=zheleznodorozhny&asOf=2012-02-01');
    for (const { href, label } of ui.nav.slice(1)) {
      await demo.page.getByRole('navigation').getByRole('link', { name: label }).click();
      await demo.page.waitForURL(new RegExp(`${href}\\?district=zheleznodorozhny&asOf=2012-02-01(&|$)`));
      await expect.poll(() => demo.page.locator('h1').textContent()).toBe(label);
    }
  });
});

const curatorsOfKirovsky = `{
  district(code: "kirovsky") {
    caseload(asOf: "2011-12-31") { total { curators } byCurator { curator { id fullName } families } }
    homeVisits(asOf: "2011-12-31") { activeWards overdueWards }
  }
}`;
interface CuratorsOfKirovsky {
  district: {
    caseload: {
      total: { curators: number };
      byCurator: Array<{ curator: { id: string; fullName: string }; families: number }>;
    };
    homeVisits: { activeWards: number; overdueWards: number };
  };
}

describe('the curators page', () => {
  beforeAll(() => demo.signIn('commission-kirovsky'));

  test('opens from the navigation with the filters, and its distribution counts every curator with wards', async () => {
    const { district } = await gateway<CuratorsOfKirovsky>(curatorsOfKirovsky);
    const withWards = district.caseload.byCurator.length;
    expect(withWards).toBeGreaterThan(0);
    expect(district.caseload.total.curators).toBe(withWards);

    await open('/');
    await demo.page.waitForURL(/\?district=kirovsky&asOf=2011-12-31$/);
    await demo.page.getByRole('navigation').getByRole('link', { name: ui.nav[1].label }).click();
    await demo.page.waitForURL(`${demo.dashboard.url}/curators?district=kirovsky&asOf=2011-12-31`);
    await expect.poll(() => demo.page.locator('h1').textContent()).toBe(ui.nav[1].label);

    const panel = demo.page.locator('#wards-per-curator');
    expect(await chartBars(panel)).toBeGreaterThan(0);
    const table = await expectCsvOfTable(panel, 'wards-per-curator-kirovsky-2011-12-31.csv');
    expect(table.slice(1).map(([bucket]) => bucket)).toEqual(['1', '2–3', '4–9', '10 и более']);
    expect(table.slice(1).reduce((sum, [, count]) => sum + Number(count), 0)).toBe(withWards);
    // Each curator falls in the bucket of their number of wards.
    const inBucket = (min: number, max: number) =>
      district.caseload.byCurator.filter(({ families }) => families >= min && families <= max).length;
    expect(table.slice(1).map(([, count]) => Number(count))).toEqual([
      inBucket(1, 1),
      inBucket(2, 3),
      inBucket(4, 9),
      inBucket(10, Number.POSITIVE_INFINITY),
    ]);

    const caseload = demo.page.locator('#curator-caseload');
    const rows = await expectCsvOfTable(caseload, 'curator-caseload-kirovsky-2011-12-31.csv');
    expect(rows[0]).toEqual([
      ui.curators.fullName,
      ui.curators.position,
      ui.curators.agency,
      ui.curators.families,
      ui.curators.minors,
    ]);
    expect(rows.slice(1).map(([name]) => name)).toEqual(
      district.caseload.byCurator.map(({ curator }) => curator.fullName),
    );
    await screenshot('curators-kirovsky-2011-12-31');
  });

  test('shows as many wards overdue a home visit as the gateway counts', async () => {
    const { district } = await gateway<CuratorsOfKirovsky>(curatorsOfKirovsky);
    const { activeWards, overdueWards } = district.homeVisits;
    await open('/curators?district=kirovsky&asOf=2011-12-31');
    const panel = demo.page.locator('#overdue');
    await expect
      .poll(() => panel.locator('#overdue-summary').textContent())
      .toBe(ui.curators.overdueSummary(String(activeWards), String(overdueWards)));
    const rows = await expectCsvOfTable(panel, 'overdue-kirovsky-2011-12-31.csv');
    expect(rows.length - 1).toBe(overdueWards);

    const byCurator = await expectCsvOfTable(
      demo.page.locator('#home-visits-by-curator'),
      'home-visits-by-curator-kirovsky-2011-12-31.csv',
    );
    expect(byCurator.slice(1).reduce((sum, row) => sum + Number(row[3]), 0)).toBe(overdueWards);
    const byAgency = await expectCsvOfTable(
      demo.page.locator('#home-visits-by-agency'),
      'home-visits-by-agency-kirovsky-2011-12-31.csv',
    );
    expect(byAgency.slice(1).reduce((sum, row) => sum + Number(row[2]), 0)).toBe(overdueWards);
    expect(byAgency.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(activeWards);
  });

  test('a curator’s page lists exactly that curator’s wards', async () => {
    const { district } = await gateway<CuratorsOfKirovsky>(curatorsOfKirovsky);
    const [first] = district.caseload.byCurator;
    if (!first) throw new Error('no curator with wards');
    const { curator } = first;
    const { curator: wards } = await gateway<{ curator: { wards: Array<{ address: string }> } }>(
      'query ($id: ID!) { curator(id: $id) { wards(asOf: "2011-12-31") { address } } }',
      { id: curator.id },
    );
    expect(wards.wards.length).toBeGreaterThan(1);

    await open('/curators?district=kirovsky&asOf=2011-12-31');
    await demo.page.locator('#curator-caseload').getByRole('link', { name: curator.fullName }).click();
    await demo.page.waitForURL(
      `${demo.dashboard.url}/curators/${curator.id}?district=kirovsky&asOf=2011-12-31`,
    );
    await expect.poll(() => demo.page.locator('h1').textContent()).toBe(curator.fullName);
    const rows = await expectCsvOfTable(demo.page.locator('#wards'), 'curator-wards-2011-12-31.csv');
    expect(rows[0]?.[0]).toBe(ui.curator.address);
    expect(
      rows
        .slice(1)
        .map(([address]) => address)
        .sort(),
    ).toEqual(wards.wards.map(({ address }) => address).sort());
    await screenshot('curator-wards');
  });
});

describe('a curator', () => {
  const curator = demoUser('curator-sokolova');
  const own = curator.claims.curator ?? '';
  const view = 'district=kirovsky&asOf=2011-12-31';
  const addresses = (wards: CuratorWards | null) =>
    (wards?.assignments ?? []).map(({ family }) => family?.address ?? ui.noData).sort();

  test('sees its own wards, no other family’s address, and not another curator’s page', async () => {
    // The commission's answer: who the curator's wards are.
    const { curator: asCommission } = await demo.gateway<{ curator: CuratorWards | null }>(curatorQuery, {
      id: own,
      asOf: '2011-12-31',
    });
    const wards = addresses(asCommission);
    expect(wards.length).toBeGreaterThan(0);
    const { district } = await demo.gateway<CuratorsOfKirovsky>(curatorsOfKirovsky);
    const other = district.caseload.byCurator.find((line) => line.curator.id !== own)?.curator;
    if (!other) throw new Error('no other curator with wards');

    await demo.signIn('curator-sokolova');
    expect(await demo.page.locator('#signed-in-user').textContent()).toBe(curator.title);
    await demo.open(`/?${view}`);
    await demo.page.getByRole('navigation').getByRole('link', { name: ui.session.ownWards }).click();
    await demo.page.waitForURL(`${demo.dashboard.url}/curators/${own}?${view}`);
    // What the page shows is what the gateway answers to the curator's own token, and only its wards.
    const { data } = await demo.answer<{ curator: CuratorWards | null }>(curatorQuery, {
      id: own,
      asOf: '2011-12-31',
    });
    const seen = addresses(data.curator);
    expect(seen.filter((address) => address !== ui.noData).length).toBeGreaterThan(0);
    await expect
      .poll(() =>
        tableCells(demo.page.locator('#wards')).then((rows) =>
          rows
            .slice(1)
            .map(([address]) => address)
            .sort(),
        ),
      )
      .toEqual(seen);
    expect(seen.filter((address) => address !== ui.noData && !wards.includes(address))).toEqual([]);
    await demo.screenshot('curator-own-wards');

    // The district's curators: figures, and no address but its wards'.
    const others = families.map(({ address }) => address).filter((address) => !wards.includes(address));
    await demo.open(`/curators?${view}`);
    await demo.page.locator('#curator-caseload').waitFor();
    const text = await demo.page.locator('body').innerText();
    expect(others.filter((address) => text.includes(address))).toEqual([]);

    await demo.open(`/curators/${other.id}?${view}`);
    await expect.poll(() => demo.page.locator('#no-access').textContent()).toBe(ui.noAccess.curator);
    expect(await demo.page.locator('#wards').count()).toBe(0);
    await demo.signIn('commission-kirovsky');
  });
});

// These stop parts of the platform, so they run last, in this order.
describe('when the platform fails', () => {
  test('with curation down, the curators page and the overview name what is missing', async () => {
    await demo.stack.stopSubgraph('curation');
    await open('/curators?district=kirovsky&asOf=2011-12-31');
    await expect
      .poll(() => demo.page.locator('main').getByRole('status').textContent())
      .toContain(ui.missingData('curation'));
    await open('/?district=kirovsky&asOf=2011-12-31');
    await expect
      .poll(() => demo.page.locator('main').getByRole('status').textContent())
      .toContain(ui.missingData('curation'));
    await expect.poll(() => figures('register')).toEqual(['25', '37']);
    expect(await demo.page.locator('#caseload').count()).toBe(0);
  });

  test('with the registry down, the overview shows what it has and names what is missing', async () => {
    await demo.stack.stopSubgraph('registry');
    await open('/?district=kirovsky&asOf=2011-12-31');
    await expect
      .poll(() => demo.page.locator('main').getByRole('status').textContent())
      .toContain(ui.missingData('registry'));
    expect(ui.missingData('registry')).toBe('Нет данных реестра: сервис registry недоступен');
    expect(await demo.page.locator('#register').textContent()).toContain(ui.noData);
    await demo.page.locator('#staff .recharts-bar-rectangle path').first().waitFor();
    await screenshot('overview-registry-down');
  });

  test('with the gateway down, a clear error page', async () => {
    await demo.stopStack();
    await open('/?district=kirovsky&asOf=2011-12-31');
    await expect
      .poll(() => demo.page.locator('main').getByRole('alert').textContent())
      .toContain(ui.gatewayDown.title);
    await screenshot('gateway-down');
  });
});
