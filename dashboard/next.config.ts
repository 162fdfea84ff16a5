import path from 'node:path';
import type { NextConfig } from 'next';

/** The monorepo's root: npm workspaces hoist `next` there. */
const root = path.resolve(import.meta.dirname, '..');

const config: NextConfig = {
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
};

export default config;
