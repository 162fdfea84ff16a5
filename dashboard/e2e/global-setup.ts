import { buildDashboard } from './harness.ts';

/** One production build for every test file. */
export default async function setup() {
  await buildDashboard();
}
