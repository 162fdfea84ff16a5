import type { DistrictCode } from './agencies.ts';
import { commissionId, resourceCentreId } from './ids.ts';

export { type AgencySpec, agencies, type DistrictCode, type DistrictSpec, districts } from './agencies.ts';
export {
  type CuratorSpec,
  type FamilySpec,
  families,
  kirovskyCurators,
  zheleznodorozhnyCurators,
} from './families.ts';
export { agencyId, demoId, familyId, minorId, registrationId } from './ids.ts';
export { type DemoDatabases, isEmpty, loadDemo, loadDemoIntoDatabases } from './load.ts';
export { type DemoUser, demoUser, demoUsers } from './users.ts';

export const districtCodes = {
  kirovsky: 'kirovsky',
  zheleznodorozhny: 'zheleznodorozhny',
} as const satisfies Record<DistrictCode, DistrictCode>;

export const commissionIds: Record<DistrictCode, string> = {
  kirovsky: commissionId('kirovsky'),
  zheleznodorozhny: commissionId('zheleznodorozhny'),
};

export const resourceCentreIds: Record<DistrictCode, string> = {
  kirovsky: resourceCentreId('kirovsky'),
  zheleznodorozhny: resourceCentreId('zheleznodorozhny'),
};
