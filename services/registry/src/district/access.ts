import type { Access } from '@kdn/platform';

/** A district's figures: its own staff, methodologists (suppressed below 3), integrators by scope. */
export function requireFigures(access: Access, districtCode: string): void {
  access.require(access.readsAggregatesOf(districtCode), `the register figures of district ${districtCode}`);
}
