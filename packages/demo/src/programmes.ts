import type { PrismaClient } from '@kdn/prisma/programmes';

/** The demo families' programmes with measures by agency, working-group meetings and progress reports. */
export async function loadProgrammes(_db: PrismaClient): Promise<void> {}
