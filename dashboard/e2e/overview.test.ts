import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../../tests/src/stack.ts';
import { ui } from '../lib/labels.ts';
import { buildDashboard, type Dashboard, launchBrowser, startDashboard } from './harness.ts';

const screenshots = path.resolve(import.meta.dirname, '../test-results');

let stack: Stack;
let stackStopped = false;
let dashboard: Dashboard;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack] = await Promise.all([
    startStack({ demo: true }),
    buildDashboard(),
    mkdir(screenshots, { recursive: true }),
  ]);
  dashboard = await startDashboard({
    GATEWAY_URL: stack.gateway,
    DEMO_DISTRICT: 'kirovsky',
    DEMO_AS_OF: '2011-12-31',
  });
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
  if (!stackStopped) await stack?.stop();
});

const open = (query: string) => page.goto(`${dashboard.url}${query}`);
const screenshot = (name: string) =>
  page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
const figures = (id: 'register' | 'registered-during') => page.locator(`#${id} dd`).allTextContents();

async function registerThroughGateway(district: string, asOf: string) {
  const response = await fetch(stack.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'query ($district: String!, $asOf: Date!) { district(code: $district) { register(asOf: $asOf) { families minors } } }',
      variables: { district, asOf },
    }),
  });
  const { data } = (await response.json()) as {
    data: { district: { register: { families: number; minors: number } } };
  };
  return data.district.register;
}

/** The cells of a panel's table, header first, as the reader sees them. */
function tableCells(panel: Locator) {
  return panel
    .locator('table tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

/** RFC 4180 with `;` between cells, as the dashboard writes it for Excel. */
function parseCsv(text: string) {
  const rows: string[][] = [];
  for (const line of text.split('\r\n').filter(Boolean)) {
    const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^;]*)(?:;|$)/g)].map(([, cell = '']) =>
      cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell,
    );
    rows.push(cells.slice(0, -1));
  }
  return rows;
}

describe('the district overview', () => {
  test('opens on Kirovsky on 31 Dec 2011 with the figures of Resolution No. 2', async () => {
    await open('/');
    await page.waitForURL(/\?district=kirovsky&asOf=2011-12-31$/);
    await expect.poll(() => figures('register')).toEqual(['25', '37']);
    expect(await figures('registered-during')).toEqual(['25', '42']);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Кировский район');
    await page.locator('.recharts-bar-rectangle path').first().waitFor();
    await screenshot('overview-kirovsky-2011-12-31');
  });

  test.each(['staff', 'agencies'])(
    'draws the %s chart, and its CSV is exactly the table beside it',
    async (id) => {
      await open('/?district=kirovsky&asOf=2011-12-31');
      const panel = page.locator(`#${id}`);
      await panel.locator('.recharts-bar-rectangle path').first().waitFor();
      expect(await panel.locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('link', { name: ui.downloadCsv }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${id}-kirovsky.csv`);
      const bytes = await readFile(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const table = await tableCells(panel);
      expect(table.length).toBeGreaterThan(1);
      expect(parseCsv(bytes.subarray(3).toString('utf8'))).toEqual(table);
    },
  );

  test('the pickers put the district and the date into the URL', async () => {
    await open('/?district=kirovsky&asOf=2011-12-31');
    await page.getByLabel(ui.filters.district).selectOption('zheleznodorozhny');
    await page.waitForURL(/district=zheleznodorozhny/);
    await page.getByLabel(ui.filters.asOf).fill('2012-02-01');
    await page.getByRole('button', { name: ui.filters.apply }).click();
    await page.waitForURL(/\?district=zheleznodorozhny&asOf=2012-02-01$/);
    await expect.poll(() => figures('register')).toEqual(['24', '36']);
    await page.locator('.recharts-bar-rectangle path').first().waitFor();
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

  test('the sections still to come say so, and keep the filters', async () => {
    await open('/?district=zheleznodorozhny&asOf=2012-02-01');
    for (const [index, { href, label }] of ui.nav.slice(1).entries()) {
      await page.getByRole('navigation').getByRole('link', { name: label }).click();
      await page.waitForURL(`${dashboard.url}${href}?district=zheleznodorozhny&asOf=2012-02-01`);
      await expect.poll(() => page.locator('h1').textContent()).toBe(label);
      expect(await page.locator('main').textContent()).toContain(ui.comingSoon);
      await screenshot(`section-${index + 1}-${href.slice(1)}`);
    }
  });
});

// These stop parts of the platform, so they run last, in this order.
describe('when the platform fails', () => {
  test('with the registry down, the overview shows what it has and names what is missing', async () => {
    await stack.stopSubgraph('registry');
    await open('/?district=kirovsky&asOf=2011-12-31');
    await expect
      .poll(() => page.locator('main').getByRole('status').textContent())
      .toContain(ui.missingData('registry'));
    expect(ui.missingData('registry')).toBe('Нет данных реестра: сервис registry недоступен');
    expect(await page.locator('#register').textContent()).toContain(ui.noData);
    await page.locator('#staff .recharts-bar-rectangle path').first().waitFor();
    await screenshot('overview-registry-down');
  });

  test('with the gateway down, a clear error page', async () => {
    stackStopped = true;
    await stack.stop();
    await open('/?district=kirovsky&asOf=2011-12-31');
    await expect
      .poll(() => page.locator('main').getByRole('alert').textContent())
      .toContain(ui.gatewayDown.title);
    await screenshot('gateway-down');
  });
});
