import type { FamilySpec } from './family-spec.ts';
import { kirovskyFamilies } from './kirovsky-families.ts';
import { zheleznodorozhnyFamilies } from './zheleznodorozhny-families.ts';

export type {
  ClosingSpec,
  CuratorSpec,
  FamilySpec,
  MinorSpec,
  PassportSpec,
  RegistrationSpec,
} from './family-spec.ts';
export { kirovskyCurators } from './kirovsky-families.ts';
export { zheleznodorozhnyCurators } from './zheleznodorozhny-families.ts';

export const families: FamilySpec[] = [...kirovskyFamilies, ...zheleznodorozhnyFamilies];
