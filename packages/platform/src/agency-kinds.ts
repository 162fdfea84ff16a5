import { AgencyKind } from '@kdn/prisma/agencies/enums';

/** The kinds of agencies in the enum's order; their one definition is prisma/shared/agency-kind.prisma. */
export const agencyKinds = Object.values(AgencyKind);
export type { AgencyKind };
