import { loaderByKey, loaderOfLists } from '@kdn/platform';
import type { Prisma, PrismaClient } from '@kdn/prisma/curation';

/** The curators' loaders of a request; `visible` is the curators its principal sees. */
export function curatorLoaders(db: PrismaClient, visible: Prisma.CuratorWhereInput) {
  return {
    curator: loaderByKey(
      (ids: string[]) => db.curator.findMany({ where: { AND: [{ id: { in: ids } }, visible] } }),
      (curator) => curator.id,
    ),
    /** Every curator, seen or not: for what an assignment says of its agency, never shown as a curator. */
    curatorOfRecord: loaderByKey(
      (ids: string[]) => db.curator.findMany({ where: { id: { in: ids } } }),
      (curator) => curator.id,
    ),
    curatorsOfAgency: loaderOfLists(
      (agencyIds: string[]) =>
        db.curator.findMany({
          where: { AND: [{ agencyId: { in: agencyIds } }, visible] },
          orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
        }),
      (curator) => curator.agencyId,
    ),
  };
}
