import type { PrismaClient } from '@kdn/prisma/curation';

/** The curators of the demo families, their assignments, replacements and 2011 visits. */
export async function loadCuration(_db: PrismaClient): Promise<void> {}
