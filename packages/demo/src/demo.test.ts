import { calendarDate, openDatabase } from '@kdn/platform';
import { PrismaClient as AgenciesPrismaClient } from '@kdn/prisma/agencies';
import { PrismaClient as CurationPrismaClient } from '@kdn/prisma/curation';
import { PrismaClient as ProgrammesPrismaClient } from '@kdn/prisma/programmes';
import { type Prisma, PrismaClient as RegistryPrismaClient } from '@kdn/prisma/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies } from './agencies.ts';
import { type FamilySpec, families } from './families.ts';
import {
  commissionIds,
  type DemoDatabases,
  districtCodes,
  isEmpty,
  loadDemo,
  resourceCentreIds,
} from './index.ts';

interface OpenDemo {
  db: DemoDatabases;
  close(): Promise<void>;
}

async function openInMemory(): Promise<OpenDemo> {
  const memory = { kind: 'pglite' } as const;
  const opened = await Promise.all([
    openDatabase('agencies', (adapter) => new AgenciesPrismaClient({ adapter }), memory),
    openDatabase('registry', (adapter) => new RegistryPrismaClient({ adapter }), memory),
    openDatabase('curation', (adapter) => new CurationPrismaClient({ adapter }), memory),
    openDatabase('programmes', (adapter) => new ProgrammesPrismaClient({ adapter }), memory),
  ]);
  const [agencies, registry, curation, programmes] = opened;
  return {
    db: {
      agencies: agencies.client,
      registry: registry.client,
      curation: curation.client,
      programmes: programmes.client,
    },
    close: async () => {
      await Promise.all(opened.map((database) => database.close()));
    },
  };
}

const onRegister = (districtCode: string, day: Date): Prisma.RegistrationWhereInput => ({
  districtCode,
  openedOn: { lte: day },
  OR: [{ closedOn: null }, { closedOn: { gt: day } }],
});

async function onRegisterFigures(db: DemoDatabases, districtCode: string, iso: string) {
  const day = calendarDate(iso);
  const [familyCount, minorCount] = await Promise.all([
    db.registry.family.count({ where: { registrations: { some: onRegister(districtCode, day) } } }),
    db.registry.minor.count({
      where: {
        registrations: {
          some: {
            addedOn: { lte: day },
            OR: [{ leftOn: null }, { leftOn: { gt: day } }],
            registration: onRegister(districtCode, day),
          },
        },
        // Counted while under 18: born after this day 18 years back.
        birthDate: { gt: calendarDate(`${Number(iso.slice(0, 4)) - 18}${iso.slice(4)}`) },
      },
    }),
  ]);
  return { families: familyCount, minors: minorCount };
}

async function registeredDuring(db: DemoDatabases, districtCode: string, from: string, to: string) {
  const period = { gte: calendarDate(from), lte: calendarDate(to) };
  const [familyCount, minorCount] = await Promise.all([
    db.registry.family.count({ where: { registrations: { some: { districtCode, openedOn: period } } } }),
    db.registry.minor.count({
      where: { registrations: { some: { addedOn: period, registration: { districtCode } } } },
    }),
  ]);
  return { families: familyCount, minors: minorCount };
}

const isOnRegister = (family: FamilySpec, day: string) =>
  family.registration.openedOn <= day &&
  (family.registration.closing === undefined || family.registration.closing.closedOn > day);

const addedOn = (family: FamilySpec, index: number) =>
  family.minors[index]?.addedOn ?? family.registration.openedOn;

function curatorTable(district: string, day: string) {
  const table: Record<string, { curators: Set<string>; families: number; minors: number }> = {};
  for (const family of families.filter((f) => f.district === district && isOnRegister(f, day))) {
    const kind = agencies.get(family.curator.agency)?.kind ?? 'UNKNOWN';
    const row = table[kind] ?? { curators: new Set(), families: 0, minors: 0 };
    table[kind] = row;
    row.curators.add(family.curator.curator.fullName);
    row.families += 1;
    row.minors += family.minors.filter((_, index) => addedOn(family, index) <= day).length;
  }
  return Object.fromEntries(
    Object.entries(table).map(([kind, row]) => [
      kind,
      { curators: row.curators.size, families: row.families, minors: row.minors },
    ]),
  );
}

function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

describe('the demo data set', () => {
  let demo: OpenDemo;

  beforeAll(async () => {
    demo = await openInMemory();
    expect(await isEmpty(demo.db)).toBe(true);
    await loadDemo(demo.db);
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
  });

  it('is no longer empty once loaded', async () => {
    expect(await isEmpty(demo.db)).toBe(false);
  });

  describe('Kirovsky district', () => {
    it('has 25 families and 37 minors on the register on 31 Dec 2011', async () => {
      expect(await onRegisterFigures(demo.db, 'kirovsky', '2011-12-31')).toEqual({
        families: 25,
        minors: 37,
      });
    });

    it('registered 25 families and 42 minors during 2011', async () => {
      expect(await registeredDuring(demo.db, 'kirovsky', '2011-01-01', '2011-12-31')).toEqual({
        families: 25,
        minors: 42,
      });
    });

    it('gives the same on-register figures in plain SQL', async () => {
      const [row] = await demo.db.registry.$queryRaw<{ families: bigint; minors: bigint }[]>`
        SELECT count(DISTINCT r."familyId") AS families, count(DISTINCT m.id) AS minors
        FROM "Registration" r
        LEFT JOIN ("RegisteredMinor" rm JOIN "Minor" m ON m.id = rm."minorId" AND m."birthDate" > DATE '1993-12-31')
          ON rm."registrationId" = r.id AND rm."addedOn" <= DATE '2011-12-31'
         AND (rm."leftOn" IS NULL OR rm."leftOn" > DATE '2011-12-31')
        WHERE r."districtCode" = 'kirovsky' AND r."openedOn" <= DATE '2011-12-31'
          AND (r."closedOn" IS NULL OR r."closedOn" > DATE '2011-12-31')`;
      expect(row).toEqual({ families: 25n, minors: 37n });
    });

    it('has 19 curators on 31 Dec 2011, split by agency kind as the resolution reports', () => {
      expect(curatorTable('kirovsky', '2011-12-31')).toEqual({
        EDUCATION: { curators: 7, families: 7, minors: 9 },
        POLICE_JUVENILE_UNIT: { curators: 9, families: 14, minors: 23 },
        GUARDIANSHIP: { curators: 1, families: 1, minors: 1 },
        SOCIAL_SERVICE_CENTRE: { curators: 2, families: 3, minors: 4 },
      });
    });

    it('has each school curator in a different school, and police and centre curators in their units', () => {
      const open = families.filter((f) => f.district === 'kirovsky' && isOnRegister(f, '2011-12-31'));
      const schools = open.filter((f) => agencies.get(f.curator.agency)?.kind === 'EDUCATION');
      expect(new Set(schools.map((f) => f.curator.agency)).size).toBe(7);
      const byKind = (kind: string) =>
        new Set(
          open.filter((f) => agencies.get(f.curator.agency)?.kind === kind).map((f) => f.curator.agency),
        );
      expect(byKind('POLICE_JUVENILE_UNIT')).toEqual(new Set(['kirovsky/police']));
      expect(byKind('SOCIAL_SERVICE_CENTRE')).toEqual(new Set(['kirovsky/centre']));
      const perInspector = new Map<string, number>();
      for (const family of open.filter((f) => f.curator.agency === 'kirovsky/police')) {
        const name = family.curator.curator.fullName;
        perInspector.set(name, (perInspector.get(name) ?? 0) + 1);
      }
      expect([...perInspector.values()].sort()).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 3]);
    });
  });

  describe('Zheleznodorozhny district', () => {
    it('registered 19 families during 2011', async () => {
      const figures = await registeredDuring(demo.db, 'zheleznodorozhny', '2011-01-01', '2011-12-31');
      expect(figures.families).toBe(19);
    });

    it('has 24 families and 36 minors on the register on 1 Feb 2012', async () => {
      expect(await onRegisterFigures(demo.db, 'zheleznodorozhny', '2012-02-01')).toEqual({
        families: 24,
        minors: 36,
      });
    });

    it('has two families curated since October 2011 by the centre’s psychologist and day-care head', () => {
      const open = families.filter((f) => f.district === 'zheleznodorozhny' && isOnRegister(f, '2012-02-01'));
      const byCentre = open.filter((f) => f.curator.agency === 'zheleznodorozhny/centre');
      expect(byCentre.map((f) => f.curator.curator.position).sort()).toEqual([
        'заведующий отделением дневного пребывания',
        'психолог',
      ]);
      expect(byCentre.every((f) => f.registration.openedOn.startsWith('2011-10'))).toBe(true);
      const others = new Set(
        open.filter((f) => !byCentre.includes(f)).map((f) => agencies.get(f.curator.agency)?.kind),
      );
      expect(others).toEqual(new Set(['EDUCATION', 'POLICE_JUVENILE_UNIT']));
    });
  });

  it('keeps a social passport for every family', async () => {
    const [familyCount, passports, withoutPassport] = await Promise.all([
      demo.db.registry.family.count(),
      demo.db.registry.socialPassport.count(),
      demo.db.registry.family.count({ where: { passport: { is: null } } }),
    ]);
    expect(familyCount).toBe(families.length);
    expect(passports).toBe(familyCount);
    expect(withoutPassport).toBe(0);
  });

  it("registers every family with its own district's commission", async () => {
    const commissions = await demo.db.agencies.commission.findMany();
    const districtOfCommission = new Map(commissions.map((c) => [c.id, c.districtCode]));
    const registrations = await demo.db.registry.registration.findMany({ include: { family: true } });
    expect(registrations).toHaveLength(families.length);
    for (const registration of registrations) {
      expect(registration.districtCode).toBe(registration.family.districtCode);
      expect(districtOfCommission.get(registration.commissionId)).toBe(registration.family.districtCode);
    }
    expect(commissionIds.kirovsky).toBe(
      commissions.find((c) => c.districtCode === districtCodes.kirovsky)?.id,
    );
  });

  it('describes both resource centres and their staff as the resolution does', async () => {
    const centres = await demo.db.agencies.resourceCentre.findMany({
      include: { agency: true, staffPositions: { orderBy: { ordinal: 'asc' } } },
      orderBy: { districtCode: 'asc' },
    });
    const summary = centres.map((centre) => ({
      id: centre.id,
      agency: centre.agency.name,
      headAppointed: centre.headAppointed,
      secretaryAppointed: centre.secretaryAppointed,
      staff: centre.staffPositions.map((p) => [p.ordinal, p.title, p.filled.toNumber(), p.vacant.toNumber()]),
    }));
    expect(summary).toEqual([
      {
        id: resourceCentreIds.kirovsky,
        agency: 'МБУ «Центр социальной помощи семье и детям «Первомайский»',
        headAppointed: true,
        secretaryAppointed: false,
        staff: [
          [1, 'заведующий отделением', 1, 0],
          [2, 'специалист по социальной работе', 2, 0],
          [3, 'юрисконсульт', 1, 0],
          [4, 'педагог-психолог', 1, 0],
          [5, 'социальный педагог', 2, 0],
        ],
      },
      {
        id: resourceCentreIds.zheleznodorozhny,
        agency: 'МБУ «ЦСПСиД «Качинский»',
        headAppointed: true,
        secretaryAppointed: true,
        staff: [
          [1, 'заведующий отделением дневного пребывания', 1, 0],
          [2, 'психолог', 1, 0],
          [3, 'специалист по социальной работе', 1, 1.5],
          [4, 'социальный педагог', 0, 1],
        ],
      },
    ]);
  });

  it('has at least 8 schools and every other agency kind in each district', async () => {
    for (const districtCode of Object.values(districtCodes)) {
      const rows = await demo.db.agencies.agency.groupBy({
        by: ['kind'],
        where: { districtCode },
        _count: true,
      });
      const counts = Object.fromEntries(rows.map((row) => [row.kind, row._count]));
      expect(counts.EDUCATION).toBeGreaterThanOrEqual(8);
      for (const kind of [
        'POLICE_JUVENILE_UNIT',
        'GUARDIANSHIP',
        'SOCIAL_SERVICE_CENTRE',
        'SOCIAL_PROTECTION',
        'HEALTH',
        'CULTURE_SPORT',
        'EMPLOYMENT',
        'YOUTH',
      ]) {
        expect(counts[kind], `${districtCode} ${kind}`).toBe(1);
      }
    }
  });

  it('loads deterministically: a second load into fresh databases gives the same ids', async () => {
    const second = await openInMemory();
    try {
      await loadDemo(second.db);
      const ids = async ({ agencies, registry }: DemoDatabases) => ({
        commissions: (await agencies.commission.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id),
        agencies: (await agencies.agency.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id),
        centres: (await agencies.resourceCentre.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id),
        positions: (await agencies.staffPosition.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id),
        families: (await registry.family.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id),
        minors: (await registry.minor.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id),
        registrations: (await registry.registration.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id),
      });
      const first = await ids(demo.db);
      expect(await ids(second.db)).toEqual(first);
      expect(first.families).toHaveLength(families.length);
      for (const id of Object.values(first).flat()) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe('the family specs', () => {
  const lastDay = '2012-02-01';

  it('have plausible dates: no minor born after registration, closings after openings, nothing after 1 Feb 2012', () => {
    for (const family of families) {
      const { openedOn, closing } = family.registration;
      const end = closing?.closedOn ?? lastDay;
      expect(openedOn <= lastDay, family.key).toBe(true);
      if (closing) expect(closing.closedOn > openedOn && closing.closedOn <= lastDay, family.key).toBe(true);
      family.minors.forEach((minor, index) => {
        const added = addedOn(family, index);
        expect(minor.birthDate <= openedOn, `${family.key} ${minor.firstName}`).toBe(true);
        expect(added >= openedOn && added <= end, `${family.key} ${minor.firstName}`).toBe(true);
        expect(ageOn(minor.birthDate, added), `${family.key} ${minor.firstName}`).toBeLessThanOrEqual(17);
        if (!closing)
          expect(ageOn(minor.birthDate, lastDay), `${family.key} ${minor.firstName}`).toBeLessThan(18);
      });
    }
  });

  it('have a consistent social passport for every family', () => {
    for (const { key, passport, minors } of families) {
      expect(passport.riskFactors.length, key).toBeGreaterThanOrEqual(1);
      expect(passport.riskFactors.length, key).toBeLessThanOrEqual(4);
      expect(new Set(passport.riskFactors).size, key).toBe(passport.riskFactors.length);
      expect(passport.adults, key).toBeGreaterThanOrEqual(1);
      expect(passport.children, key).toBeGreaterThanOrEqual(minors.length);
      const perHead = passport.monthlyIncome / (passport.adults + passport.children);
      const level = perHead < 6500 ? 'BELOW_SUBSISTENCE' : perHead < 12000 ? 'LOW' : 'AVERAGE';
      expect(passport.incomeLevel, key).toBe(level);
    }
  });

  it('number resolutions by meeting and item, one meeting a date, per commission and year', () => {
    const used = new Map<string, string>();
    const meetings = new Map<string, { number: number; date: string }[]>();
    for (const { district, key, registration } of families) {
      const { openedOn, resolutionNumber, closing } = registration;
      const resolutions = [{ date: openedOn, number: resolutionNumber }];
      if (closing) resolutions.push({ date: closing.closedOn, number: closing.resolutionNumber });
      for (const { date, number } of resolutions) {
        expect(number, key).toMatch(/^\d+\/\d+$/);
        const commissionYear = `${district} ${date.slice(0, 4)}`;
        const full = `${commissionYear} № ${number}`;
        expect(used.get(full), `${key}: ${full} is also used by ${used.get(full)}`).toBeUndefined();
        used.set(full, key);
        const list = meetings.get(commissionYear) ?? [];
        list.push({ number: Number(number.split('/')[0]), date });
        meetings.set(commissionYear, list);
      }
    }
    for (const [commissionYear, list] of meetings) {
      list.sort((a, b) => a.number - b.number || a.date.localeCompare(b.date));
      for (const [index, meeting] of list.entries()) {
        const previous = list[index - 1];
        if (!previous) continue;
        const sameMeeting = previous.number === meeting.number;
        const label = `${commissionYear}: meeting ${meeting.number} on ${meeting.date}`;
        expect(sameMeeting ? meeting.date === previous.date : meeting.date > previous.date, label).toBe(true);
      }
    }
  });

  it('name each curator once, in an agency of the family’s district', () => {
    const agencyOfCurator = new Map<string, string>();
    for (const { district, key, curator } of families) {
      expect(agencies.get(curator.agency)?.districtCode, key).toBe(district);
      expect(agencyOfCurator.get(curator.curator.fullName) ?? curator.agency, key).toBe(curator.agency);
      agencyOfCurator.set(curator.curator.fullName, curator.agency);
    }
  });

  it('use unique keys and invented names only', () => {
    const keys = families.map((f) => `${f.district}/${f.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const family of families) {
      const firstNames = family.minors.map((m) => m.firstName);
      expect(new Set(firstNames).size, family.key).toBe(firstNames.length);
    }
    const seedSurnames =
      /Сафонов|Сытик|Рыдченко|Ланин|Перезв|Проничев|Разгоняев|Остапчук|Шкутович|Олыкайнен|Захаров|Зотов|Шабунин|Зимин|Митрохин|Русаков|Куимов|Кочетков/;
    const names = families.flatMap((f) => [f.curator.curator.fullName, ...f.minors.map((m) => m.lastName)]);
    expect(names.filter((name) => seedSurnames.test(name))).toEqual([]);
  });
});
