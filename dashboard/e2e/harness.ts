/**
 * What the browser tests drive: the dashboard built and served by Next as in production, and
 * Debian's Chromium through playwright-core (`apt-get install -y chromium`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoUser, demoUsers } from '@kdn/demo/users';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startStack } from '../../tests/src/stack.ts';
import type { TypedDocumentString } from '../lib/generated/graphql.ts';
import { ui } from '../lib/labels.ts';
import { sessionCookie } from '../lib/session-cookie.ts';

const dashboardDir = path.resolve(import.meta.dirname, '..');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** Next refuses a `NODE_ENV` of `test` (vitest's); each command sets its own. */
function nextEnv(extra: Record<string, string> = {}) {
  const { NODE_ENV: _, ...env } = process.env;
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

function runNext(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [nextBin, ...args], { cwd: dashboardDir, env, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

/** `next build`, once per run (`global-setup.ts`). */
export async function buildDashboard() {
  const { child, output } = runNext(['build'], nextEnv());
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`next build exited with ${code}:\n${output()}`);
}

async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface Dashboard {
  url: string;
  stop(): Promise<void>;
}

/** `next start` on a free loopback port, once `/api/health` answers. */
export async function startDashboard(env: Record<string, string>): Promise<Dashboard> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = runNext(
    ['start', '--hostname', '127.0.0.1', '--port', String(port)],
    nextEnv(env),
  );
  const stop = () => stopProcess(child);
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, stop };
    await sleep(250);
  }
  await stop();
  throw new Error(`next start did not answer at ${url}:\n${output()}`);
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Date inputs as a Russian reader sees them (31.12.2011), where Debian's chromium-l10n is installed.
    env: { ...process.env, LANGUAGE: 'ru' },
  });
}

const screenshots = path.resolve(dashboardDir, 'test-results');

export interface DemoOptions {
  /** The demo user (`@kdn/demo/users`) the page signs in as: a commission of Kirovsky unless named. */
  user?: string;
}

/**
 * The platform on fresh databases with the demo, the dashboard over its gateway opening on Kirovsky
 * on 31 Dec 2011 with the demo's sign-in offered, and a browser page in Russian signed in through the
 * picker: what each test file drives.
 */
export async function startDemo({ user = 'commission-kirovsky' }: DemoOptions = {}) {
  const stack = await startStack({ demo: true });
  let stackStopped: Promise<void> | undefined;
  const stopStack = () => {
    stackStopped ??= stack.stop();
    return stackStopped;
  };
  const started: Array<{ stop(): Promise<unknown> }> = [{ stop: stopStack }];
  const stopAll = () => Promise.all(started.reverse().map((part) => part.stop().catch(() => {})));
  try {
    const dashboard = await startDashboard({
      GATEWAY_URL: stack.gateway,
      DEMO_DISTRICT: 'kirovsky',
      DEMO_AS_OF: '2011-12-31',
      // The picker's users, as `npm start` hands them over: the production build holds none.
      DEMO_USERS: JSON.stringify(demoUsers),
    });
    started.push(dashboard);
    const browser = await launchBrowser();
    started.push({ stop: () => browser.close() });
    const page = await browser.newPage({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    await mkdir(screenshots, { recursive: true });
    await signIn(page, dashboard.url, user);
    /** The token of the page's session, as the dashboard sends it to the gateway. */
    const token = async () => {
      const cookie = (await page.context().cookies()).find(({ name }) => name === sessionCookie);
      if (!cookie) throw new Error('the page is not signed in');
      return cookie.value;
    };
    return {
      stack,
      dashboard,
      browser,
      page,
      open: (query: string) => page.goto(`${dashboard.url}${query}`),
      screenshot: (name: string) => page.screenshot({ path: screenshotPath(name), fullPage: true }),
      /** Signs the page in as another demo user, through the picker. */
      signIn: (id: string) => signIn(page, dashboard.url, id),
      token,
      /** What the gateway answers to the page's signed-in user, asserted free of errors. */
      gateway: async <T>(query: Operation, variables: Record<string, unknown> = {}) => {
        const { data, errors } = await answerOf<T>(stack.gateway, await token(), query, variables);
        expect(errors).toBeUndefined();
        return data;
      },
      /** The gateway's whole answer to the page's signed-in user, errors and all. */
      answer: async <T>(query: Operation, variables: Record<string, unknown> = {}) =>
        answerOf<T>(stack.gateway, await token(), query, variables),
      /** Stops the platform, leaving the dashboard up to say the gateway does not answer. */
      stopStack,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export type Demo = Awaited<ReturnType<typeof startDemo>>;

/**
 * A test file's demo: started before its tests, stopped after them. The object is filled in when
 * the file's tests start.
 */
export function setUpDemo(options?: DemoOptions): Demo {
  const demo = {} as Demo;
  beforeAll(async () => {
    Object.assign(demo, await startDemo(options));
  });
  afterAll(() => ('stop' in demo ? demo.stop() : undefined));
  return demo;
}

/** Signs in through the sign-in page's picker, as a reader of the demo does. */
export async function signIn(page: Page, dashboardUrl: string, userId: string) {
  await page.goto(`${dashboardUrl}/sign-in`);
  await page.getByRole('button', { name: demoUser(userId).title, exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

export const screenshotPath = (name: string) => path.join(screenshots, `${name}.png`);

/** An operation the tests send: its text, or one of the dashboard's documents. */
type Operation = string | TypedDocumentString<unknown, never>;

/** What the gateway answers to a user with this token. */
export async function answerOf<T>(
  url: string,
  token: string,
  query: Operation,
  variables: Record<string, unknown> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: query.toString(), variables }),
  });
  return (await response.json()) as { data: T; errors?: Array<{ extensions?: { code?: string } }> };
}

/** The cells of a panel's table, header first, as the reader sees them. */
export function tableCells(panel: Locator) {
  return panel
    .locator('table tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

/** Clicks «Скачать CSV» of a panel and checks the file is exactly the panel's table. */
export async function expectCsvOfTable(panel: Locator, fileName: string) {
  const [download] = await Promise.all([
    panel.page().waitForEvent('download'),
    panel.getByRole('link', { name: ui.downloadCsv }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const table = await tableCells(panel);
  expect(table.length).toBeGreaterThan(1);
  expect(parseCsv(bytes.subarray(3).toString('utf8'))).toEqual(table);
  return table;
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

/** Waits for a panel's chart to draw and returns how many bars it has. */
export async function chartBars(panel: Locator) {
  const bars = panel.locator('.recharts-bar-rectangle path');
  await bars.first().waitFor();
  return bars.count();
}
