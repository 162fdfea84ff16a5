import type { Access } from '@kdn/platform';

/** A district's figures: its commission, and those who read the aggregates of its district. */
export function requireFiguresOf(access: Access, districtCode: string) {
  access.require(access.readsAggregatesOf(districtCode), `the figures of district ${districtCode}`);
}
