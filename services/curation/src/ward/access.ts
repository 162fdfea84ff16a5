import type { Access } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/curation';
import { visibleAssignments } from '../assignment/access.ts';

/** Wards a principal sees: those with an assignment it sees. */
export async function visibleWards(access: Access): Promise<Prisma.WardWhereInput> {
  const assignments = await visibleAssignments(access);
  return Object.keys(assignments).length === 0 ? {} : { assignments: { some: assignments } };
}
