import { comingOfAge, isoDate } from '@kdn/platform/dates';
import { addMonths, addYears, dayLength, isoDay, monthStart, noonOf, yearOf } from './calendar.ts';
import { arrayOf, assertCopySafe, type TableSink } from './copy.ts';
import type { IdSource } from './ids.ts';
import { Random } from './random.ts';
import { asOf, historyStart, type Scale } from './scale.ts';
import type { TableName } from './tables.ts';
import * as words from './vocabulary.ts';

export type Sinks = Record<TableName, TableSink>;

assertCopySafe(words);

/** One district to generate: where it sits and how large it is against the average. */
export interface DistrictPlan {
  code: string;
  name: string;
  city: string;
  region: number;
  index: number;
  /** Size against the average district (about 0.4 to 2.2). */
  weight: number;
}

interface Agency {
  id: string;
  kind: string;
}

interface Minor {
  id: string;
  addedOn: number;
  /** The 18th birthday, as `comingOfAge` has it: the first day the minor no longer counts. */
  comesOfAgeOn: string;
}

interface Registration {
  id: string;
  familyId: string;
  openedOn: number;
  closedOn: number | null;
  minors: Minor[];
  /** The curators' stretches, filled by the assignment simulation. */
  stretches: Stretch[];
}

interface Curator {
  id: string;
  agencyId: string;
  capacity: number;
  load: number;
}

interface Stretch {
  id: string;
  curator: Curator;
  startedOn: number;
  endedOn: number | null;
}

interface Meeting {
  id: string;
  heldOn: number;
}

const agencyKindsFixed = [
  'POLICE_JUVENILE_UNIT',
  'GUARDIANSHIP',
  'SOCIAL_SERVICE_CENTRE',
  'SOCIAL_PROTECTION',
  'EMPLOYMENT',
  'YOUTH',
  'HEALTH',
  'CULTURE_SPORT',
] as const;

const day = (value: number | null) => (value === null ? null : isoDay(value));

/**
 * Generates one district whole, every service's rows, and writes them to the sinks. Everything is
 * drawn from a random source seeded by the seed and the district's place, so districts do not depend
 * on one another and the same seed gives the same rows.
 */
export function generateDistrict(plan: DistrictPlan, scale: Scale, seed: number, ids: IdSource, out: Sinks) {
  const random = new Random(seed, plan.region, plan.index);
  const { agencies, commissionId, resourceCentreId, centreAgencyId } = writeAgencies(
    plan,
    scale,
    random,
    ids,
    out,
  );
  const registrations = writeRegister(plan, scale, commissionId, random, ids, out);
  const curators = writeCurators(plan, scale, agencies, random, ids, out);
  assignCurators(plan, registrations, curators, random, ids, out);
  writeVisits(registrations, agencies, random, ids, out);
  const meetings = writeMeetings(plan, resourceCentreId, centreAgencyId, agencies, random, ids, out);
  writeProgrammes(plan, registrations, agencies, meetings, resourceCentreId, random, ids, out);
}

function agencyName(kind: string, ordinal: number, district: string): string {
  switch (kind) {
    case 'EDUCATION':
      return `МБОУ «Средняя общеобразовательная школа № ${ordinal}»`;
    case 'POLICE_JUVENILE_UNIT':
      return `ОДН ОП № ${ordinal} (${district} район)`;
    case 'GUARDIANSHIP':
      return `Отдел опеки и попечительства (${district} район)`;
    case 'SOCIAL_SERVICE_CENTRE':
      return `МБУ «ЦСПСиД «${district}»`;
    case 'SOCIAL_PROTECTION':
      return `Управление социальной защиты населения (${district} район)`;
    case 'EMPLOYMENT':
      return `Центр занятости населения (${district} район)`;
    case 'YOUTH':
      return `Молодёжный центр «${district}»`;
    case 'HEALTH':
      return `Детская поликлиника № ${ordinal}`;
    case 'CULTURE_SPORT':
      return `Детско-юношеская спортивная школа № ${ordinal}`;
    default:
      return `Организация № ${ordinal}`;
  }
}

function writeAgencies(plan: DistrictPlan, scale: Scale, random: Random, ids: IdSource, out: Sinks) {
  const created = historyStart - 400;
  const stamp = noonOf(created);
  out.District.row(plan.code, plan.name, plan.city);
  const commissionId = ids.next('commission', created);
  out.Commission.row(commissionId, plan.code, `КДН и ЗП администрации района «${plan.name}»`);
  const total = Math.max(agencyKindsFixed.length + 3, Math.round(scale.agenciesPerDistrict * plan.weight));
  const kinds: string[] = [...agencyKindsFixed];
  if (total > kinds.length + 4) kinds.push('HEALTH', 'CULTURE_SPORT');
  while (kinds.length < total) kinds.push('EDUCATION');
  const agencies: Agency[] = kinds.map((kind, index) => {
    const id = ids.next('agency', created);
    out.Agency.row(id, plan.code, agencyName(kind, index + 1, plan.name), kind, 1, stamp, stamp);
    return { id, kind };
  });
  const centre = agencies.find((agency) => agency.kind === 'SOCIAL_SERVICE_CENTRE') as Agency;
  const resourceCentreId = ids.next('resourceCentre', created);
  out.ResourceCentre.row(
    resourceCentreId,
    plan.code,
    centre.id,
    random.chance(0.8),
    random.chance(0.7),
    1,
    stamp,
  );
  const titles = random.sample(
    [
      'заведующий отделением',
      'специалист по социальной работе',
      'психолог',
      'социальный педагог',
      'юрисконсульт',
    ],
    random.int(2, 5),
  );
  titles.forEach((title, ordinal) => {
    const filled = random.int(1, 4) / 2;
    const vacant = random.chance(0.3) ? random.int(1, 3) / 2 : 0;
    out.StaffPosition.row(
      ids.next('staffPosition', created),
      resourceCentreId,
      title,
      filled.toFixed(2),
      vacant.toFixed(2),
      ordinal,
    );
  });
  return { agencies, commissionId, resourceCentreId, centreAgencyId: centre.id };
}

const compositions = ['TWO_PARENTS', 'SINGLE_MOTHER', 'SINGLE_FATHER', 'GUARDIAN', 'EXTENDED'] as const;
const riskFactors = [
  'PARENTAL_ALCOHOL_ABUSE',
  'PARENTAL_DRUG_USE',
  'NEGLECT',
  'DOMESTIC_VIOLENCE',
  'PARENTS_UNEMPLOYED',
  'TRUANCY',
  'OFFENCES_BY_MINOR',
  'RUNNING_AWAY',
  'DEBTS_FOR_HOUSING',
  'NO_SOCIAL_SUPPORT_DOCUMENTS',
  'NO_LEISURE_INTERESTS',
];
const closingReasons = [
  'SITUATION_IMPROVED',
  'MOVED_AWAY',
  'CAME_OF_AGE',
  'CHILDREN_PLACED_IN_CARE',
  'OTHER',
];

/**
 * Families put on the register at an even rate over the five years, each for 3 to 18 months
 * (10.5 on average), so that at the end about a sixth of those ever registered are still on it.
 * Minors are under 18 on the day they are put on the register; a few are added to a registration
 * later (a newborn).
 */
function writeRegister(
  plan: DistrictPlan,
  scale: Scale,
  commissionId: string,
  random: Random,
  ids: IdSource,
  out: Sinks,
): Registration[] {
  const count = Math.max(3, Math.round(scale.familiesPerDistrict * plan.weight));
  const openings = Array.from({ length: count }, () => random.int(historyStart, asOf)).sort((a, b) => a - b);
  const sequence = new Map<number, number>();
  const resolution = (on: number) => {
    const year = yearOf(on);
    const next = (sequence.get(year) ?? 0) + 1;
    sequence.set(year, next);
    return `${next}/${year}`;
  };
  return openings.map((openedOn) => {
    const familyId = ids.next('family', openedOn);
    const durationDays = random.int(91, 548);
    const closes = openedOn + durationDays;
    const closedOn = closes <= asOf ? closes : null;
    const composition = random.weighted(compositions, [30, 40, 6, 10, 14]);
    const stamp = noonOf(openedOn);
    out.Family.row(
      familyId,
      plan.code,
      `${random.pick(words.streets)}, д. ${random.int(1, 120)}, кв. ${random.int(1, 200)}`,
      composition,
      1,
      stamp,
      stamp,
    );
    const lastName = random.pick(words.lastNamesMale);
    const minorCount = random.weighted([1, 2, 3, 4], [35, 35, 20, 10]);
    const minors: Minor[] = [];
    for (let index = 0; index < minorCount; index += 1) {
      const later = index > 0 && random.chance(0.04);
      const addedOn = later ? openedOn + random.int(30, 200) : openedOn;
      if (addedOn > asOf || (closedOn !== null && addedOn >= closedOn)) continue;
      const birthDate = later
        ? addedOn - random.int(0, 25)
        : Math.max(addYears(addedOn, -18) + 1, addYears(addedOn, -random.int(0, 17)) - random.int(0, 360));
      const female = random.chance(0.48);
      const id = ids.next('minor', addedOn);
      out.Minor.row(
        id,
        familyId,
        female ? `${lastName}а` : lastName,
        random.pick(female ? words.firstNamesFemale : words.firstNamesMale),
        `${random.pick(words.fatherNames)}${female ? 'на' : 'ич'}`,
        female ? 'FEMALE' : 'MALE',
        isoDay(birthDate),
        1,
        noonOf(addedOn),
      );
      minors.push({ id, addedOn, comesOfAgeOn: isoDate(comingOfAge(new Date(birthDate * dayLength))) });
    }
    const adults = composition === 'TWO_PARENTS' ? 2 : composition === 'EXTENDED' ? 3 : 1;
    const income = random.int(8, 60) * 1000;
    out.SocialPassport.row(
      familyId,
      adults,
      minors.length,
      random.weighted(['SATISFACTORY', 'UNSATISFACTORY', 'UNSANITARY', 'NO_OWN_HOUSING'], [45, 35, 12, 8]),
      random.chance(0.85) ? income : null,
      income < 20000 ? 'BELOW_SUBSISTENCE' : income < 40000 ? 'LOW' : 'AVERAGE',
      arrayOf(random.sample(riskFactors, random.int(1, 3))),
      null,
      1,
      stamp,
    );
    const registrationId = ids.next('registration', openedOn);
    const reason = closedOn === null ? null : random.weighted(closingReasons, [60, 12, 10, 8, 10]);
    out.Registration.row(
      registrationId,
      familyId,
      plan.code,
      commissionId,
      resolution(openedOn),
      isoDay(openedOn),
      random.pick(words.groundsTexts),
      isoDay(openedOn),
      day(closedOn),
      reason,
      closedOn === null ? null : resolution(closedOn),
      day(closedOn),
      reason === null ? null : (words.closingNotes[reason] ?? null),
      closedOn === null ? 1 : 2,
      stamp,
      noonOf(closedOn ?? openedOn),
    );
    for (const minor of minors) out.RegisteredMinor.row(registrationId, minor.id, isoDay(minor.addedOn));
    out.RegisterEntry.row(registrationId, familyId, plan.code, isoDay(openedOn), day(closedOn));
    return { id: registrationId, familyId, openedOn, closedOn, minors, stretches: [] };
  });
}

const curatorKinds = [
  'EDUCATION',
  'POLICE_JUVENILE_UNIT',
  'SOCIAL_SERVICE_CENTRE',
  'GUARDIANSHIP',
  'SOCIAL_PROTECTION',
  'HEALTH',
];

/**
 * Curators from the district's own agencies of the prevention system (clause 1.3; the district: Resolution No. 2), mostly schools and police juvenile units.
 * Each has a capacity: most take one ward, a quarter two or three, and the district's first curator,
 * a police inspector, a dozen or more; wards go to whoever is least loaded against their capacity.
 */
function writeCurators(
  plan: DistrictPlan,
  scale: Scale,
  agencies: Agency[],
  random: Random,
  ids: IdSource,
  out: Sinks,
): Curator[] {
  const count = Math.max(3, Math.round(scale.curatorsPerDistrict * plan.weight));
  const created = historyStart - 60;
  const stamp = noonOf(created);
  return Array.from({ length: count }, (_, index) => {
    const kind = index === 0 ? 'POLICE_JUVENILE_UNIT' : random.weighted(curatorKinds, [42, 25, 18, 5, 5, 5]);
    const agency = random.pick(agencies.filter((candidate) => candidate.kind === kind));
    const id = ids.next('curator', created);
    const female = random.chance(0.75);
    const fullName = [
      female ? `${random.pick(words.lastNamesMale)}а` : random.pick(words.lastNamesMale),
      random.pick(female ? words.firstNamesFemale : words.firstNamesMale),
      `${random.pick(words.fatherNames)}${female ? 'на' : 'ич'}`,
    ].join(' ');
    out.Curator.row(
      id,
      agency.id,
      kind,
      plan.code,
      fullName,
      random.pick(words.positions[kind] ?? ['специалист']),
      true,
      1,
      stamp,
      stamp,
    );
    const capacity = index === 0 ? Math.round(14 * plan.weight) + 2 : random.chance(0.25) ? 3 : 1;
    return { id, agencyId: agency.id, capacity, load: 0 };
  });
}

const replacementReasons = [
  'SOCIAL_PROTECTION_PETITION',
  'CURATOR_PETITION',
  'WARD_REQUEST',
  'PROBLEM_CHANGED',
  'STAFF_CHANGE',
];

type Change = { on: number; order: number; registration: Registration; replace: boolean };

/**
 * Clause 1.2: a curator is assigned a few days after the family is registered; clause 1.9: about a
 * fifth of the families on the register get a new curator each year; clause 6.4: the last
 * assignment ends the day the registration closes. Replayed day by day so that each curator's load
 * is known when a ward is handed out.
 */
function assignCurators(
  plan: DistrictPlan,
  registrations: Registration[],
  curators: Curator[],
  random: Random,
  ids: IdSource,
  out: Sinks,
) {
  const changes: Change[] = [];
  for (const registration of registrations) {
    const start = registration.openedOn + random.int(0, 5);
    if (start > asOf) continue;
    changes.push({ on: start, order: 1, registration, replace: false });
    const end = registration.closedOn ?? asOf;
    const years = (end - start) / 365;
    const replacements = Math.floor(0.2 * years + random.next());
    const days = new Set<number>();
    for (let index = 0; index < replacements && end - start > 60; index += 1) {
      days.add(random.int(start + 30, end - 30));
    }
    for (const on of days) changes.push({ on, order: 1, registration, replace: true });
    if (registration.closedOn !== null)
      changes.push({ on: registration.closedOn, order: 0, registration, replace: false });
  }
  changes.sort((a, b) => a.on - b.on || a.order - b.order);
  const resolutions = new Map<number, number>();
  for (const change of changes) {
    const { registration } = change;
    const current = registration.stretches.at(-1);
    if (change.order === 0) {
      if (current) {
        current.endedOn = change.on;
        current.curator.load -= 1;
      }
      continue;
    }
    if (change.replace && current) {
      current.endedOn = change.on;
      current.curator.load -= 1;
    }
    const curator = leastLoaded(curators, current?.curator, random);
    curator.load += 1;
    registration.stretches.push({
      id: ids.next('assignment', change.on),
      curator,
      startedOn: change.on,
      endedOn: null,
    });
    const year = yearOf(change.on);
    resolutions.set(year, (resolutions.get(year) ?? 0) + 1);
  }
  const sequence = new Map<number, number>();
  for (const registration of registrations) {
    const { stretches } = registration;
    if (stretches.length === 0) continue;
    out.Ward.row(registration.familyId, stretches.length + (registration.closedOn === null ? 0 : 1));
    stretches.forEach((stretch, index) => {
      const year = yearOf(stretch.startedOn);
      const next = (sequence.get(year) ?? 0) + 1;
      sequence.set(year, next);
      const replaced = index < stretches.length - 1;
      const reason = replaced ? random.pick(replacementReasons) : null;
      out.CuratorAssignment.row(
        stretch.id,
        registration.familyId,
        registration.id,
        stretch.curator.id,
        plan.code,
        `${next}-к/${year}`,
        isoDay(stretch.startedOn),
        isoDay(stretch.startedOn),
        day(stretch.endedOn),
        stretch.endedOn === null ? null : replaced ? 'REPLACED' : 'WORK_COMPLETED',
        reason,
        reason
          ? (words.replacementNotes[reason] ?? null)
          : stretch.endedOn === null
            ? null
            : 'Итоги индивидуальной работы представлены комиссии.',
        noonOf(stretch.startedOn),
      );
      for (const minor of registration.minors) {
        if (stretch.endedOn === null || minor.addedOn < stretch.endedOn) {
          out.AssignedMinor.row(stretch.id, minor.id, isoDay(minor.addedOn), minor.comesOfAgeOn);
        }
      }
    });
  }
}

function leastLoaded(curators: Curator[], except: Curator | undefined, random: Random): Curator {
  let best: Curator | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const curator of curators) {
    if (curator === except) continue;
    const score = (curator.load + 1) / curator.capacity + random.next() * 0.01;
    if (score < bestScore) {
      best = curator;
      bestScore = score;
    }
  }
  if (!best) throw new Error('a district needs two curators at least');
  return best;
}

/**
 * Clause 2.3: a home visit each calendar month of an assignment, about one month in ten missed;
 * some months an interagency visit with other agencies' specialists (clause 4.2) or another meeting.
 */
function writeVisits(
  registrations: Registration[],
  agencies: Agency[],
  random: Random,
  ids: IdSource,
  out: Sinks,
) {
  for (const registration of registrations) {
    for (const stretch of registration.stretches) {
      const last = Math.min(asOf, (stretch.endedOn ?? asOf + 1) - 1);
      for (let month = monthStart(stretch.startedOn); month <= last; month = addMonths(month, 1)) {
        const from = Math.max(month, stretch.startedOn);
        const to = Math.min(addMonths(month, 1) - 1, last);
        const roll = random.next();
        if (roll < 0.1) {
          if (random.chance(0.3))
            writeVisit(out, ids, random, stretch, registration.familyId, random.int(from, to), 'OTHER', []);
          continue;
        }
        if (roll < 0.18) {
          const others = random.sample(agencies, random.int(1, 3)).map((agency) => agency.id);
          writeVisit(
            out,
            ids,
            random,
            stretch,
            registration.familyId,
            random.int(from, to),
            'INTERAGENCY',
            others,
          );
        } else {
          writeVisit(out, ids, random, stretch, registration.familyId, random.int(from, to), 'HOME', []);
        }
        if (random.chance(0.1))
          writeVisit(out, ids, random, stretch, registration.familyId, random.int(from, to), 'HOME', []);
      }
    }
  }
}

function writeVisit(
  out: Sinks,
  ids: IdSource,
  random: Random,
  stretch: Stretch,
  familyId: string,
  on: number,
  kind: string,
  participants: string[],
) {
  out.Visit.row(
    ids.next('visit', on),
    stretch.id,
    stretch.curator.id,
    familyId,
    isoDay(on),
    kind,
    participants.length === 0 ? '{}' : arrayOf(participants),
    random.pick(words.discussedTexts),
    random.chance(0.5) ? random.pick(words.recommendationTexts) : null,
    random.chance(0.5) ? random.pick(words.situationTexts) : null,
    noonOf(on),
  );
}

/** Working-group meetings at the resource centre twice a month, protocols numbered afresh each year. */
function writeMeetings(
  plan: DistrictPlan,
  resourceCentreId: string,
  centreAgencyId: string,
  agencies: Agency[],
  random: Random,
  ids: IdSource,
  out: Sinks,
): Meeting[] {
  const meetings: Meeting[] = [];
  const sequence = new Map<number, number>();
  const others = agencies.filter((agency) => agency.id !== centreAgencyId);
  for (let month = monthStart(historyStart); month <= asOf; month = addMonths(month, 1)) {
    for (const offset of [random.int(7, 12), random.int(21, 26)]) {
      const heldOn = month + offset;
      if (heldOn > asOf) continue;
      const year = yearOf(heldOn);
      const number = (sequence.get(year) ?? 0) + 1;
      sequence.set(year, number);
      const id = ids.next('meeting', heldOn);
      const attending = [
        centreAgencyId,
        ...random.sample(others, random.int(3, 7)).map((agency) => agency.id),
      ];
      out.WorkingGroupMeeting.row(
        id,
        plan.code,
        resourceCentreId,
        isoDay(heldOn),
        `${number}/${year}`,
        arrayOf(attending),
        random.pick(words.meetingDecisions),
        noonOf(heldOn),
      );
      meetings.push({ id, heldOn });
    }
  }
  return meetings;
}

const lifeAreas = [
  'FAMILY_RELATIONS',
  'CHILD_CARE',
  'EDUCATION',
  'HEALTH',
  'EMPLOYMENT',
  'HOUSING',
  'LEISURE',
  'LAW_ABIDANCE',
];
const assessments = ['IMPROVED', 'UNCHANGED', 'WORSENED'] as const;

/**
 * One programme (МИПСР) per half-year of each registration, drafted by the family's curator a week
 * before it begins and approved at the next working-group meeting the family is invited to; 8 to
 * 20 measures across 4 to 6 of the district's agencies; an interim report at three months and the
 * final one at the end, most on time, some late, a few missing.
 */
function writeProgrammes(
  plan: DistrictPlan,
  registrations: Registration[],
  agencies: Agency[],
  meetings: Meeting[],
  resourceCentreId: string,
  random: Random,
  ids: IdSource,
  out: Sinks,
) {
  let number = 0;
  for (const registration of registrations) {
    const first = registration.stretches[0];
    if (!first) continue;
    let periodFrom = first.startedOn + random.int(5, 20);
    while (periodFrom <= asOf) {
      const sixMonths = addMonths(periodFrom, 6) - 1;
      const periodTo =
        registration.closedOn === null ? sixMonths : Math.min(sixMonths, registration.closedOn - 1);
      if (periodTo - periodFrom < 30) break;
      const stretch = registration.stretches.find(
        (candidate) =>
          candidate.startedOn <= periodFrom && (candidate.endedOn === null || candidate.endedOn > periodFrom),
      );
      if (!stretch) break;
      number += 1;
      writeProgramme(
        {
          number: `П-${number}`,
          registration,
          curatorId: stretch.curator.id,
          periodFrom,
          periodTo,
        },
        plan,
        agencies,
        meetings,
        resourceCentreId,
        random,
        ids,
        out,
      );
      periodFrom = periodTo + 1;
    }
  }
}

/**
 * A programme in force follows the family's curator from a replacement on, as the programmes service
 * does when curation replaces the curator: its curator is the one of the assignment active on the as-of day.
 */
function curatorInForce(registration: Registration, drafter: string): string {
  const current = registration.stretches.find(
    (stretch) => stretch.startedOn <= asOf && (stretch.endedOn === null || stretch.endedOn > asOf),
  );
  return current?.curator.id ?? drafter;
}

interface ProgrammePlan {
  number: string;
  registration: Registration;
  curatorId: string;
  periodFrom: number;
  periodTo: number;
}

function writeProgramme(
  programme: ProgrammePlan,
  plan: DistrictPlan,
  agencies: Agency[],
  meetings: Meeting[],
  resourceCentreId: string,
  random: Random,
  ids: IdSource,
  out: Sinks,
) {
  const { periodFrom, periodTo, registration } = programme;
  const drafted = Math.max(registration.openedOn, periodFrom - 7);
  const id = ids.next('programme', drafted);
  const approval = meetings.find((meeting) => meeting.heldOn >= drafted && meeting.heldOn <= periodTo);
  const approvedOn = approval && approval.heldOn <= asOf ? approval.heldOn : null;

  const goalCount = random.int(2, 4);
  const goals = random.sample(words.goalTemplates, goalCount).map((template, ordinal) => {
    const goalId = ids.next('goal', drafted);
    const target = Math.max(periodFrom + 1, periodTo - random.int(0, 30));
    out.ProgrammeGoal.row(goalId, id, template.title, template.indicator, isoDay(target), ordinal);
    return goalId;
  });

  // Reports first: the final one, when submitted, completes the programme and closes every measure.
  const interimDue = addMonths(periodFrom, 3);
  const reports: Array<{ kind: string; dueOn: number; submittedOn: number | null }> = [];
  if (interimDue < periodTo) reports.push({ kind: 'INTERIM', dueOn: interimDue, submittedOn: null });
  reports.push({ kind: 'FINAL', dueOn: periodTo, submittedOn: null });
  for (const report of reports) {
    if (approvedOn === null || random.chance(0.06)) break;
    const late = random.chance(0.2);
    const submittedOn = Math.max(
      approvedOn,
      periodFrom,
      late ? report.dueOn + random.int(1, 25) : report.dueOn - random.int(0, 5),
    );
    if (submittedOn > asOf) break;
    report.submittedOn = submittedOn;
  }
  const final = reports.at(-1);
  const completedOn = final?.submittedOn ?? null;
  const status = approvedOn === null ? 'DRAFT' : completedOn === null ? 'APPROVED' : 'COMPLETED';

  const measureCount = random.int(8, 20);
  const responsible = random.sample(agencies, random.int(4, 6));
  const lastOutcomeDay = Math.min(asOf, completedOn ?? asOf);
  for (let index = 0; index < measureCount; index += 1) {
    const agency = index < responsible.length ? responsible[index] : random.pick(responsible);
    if (!agency) continue;
    const fitting = words.measureTemplates.filter((template) => template.kinds.includes(agency.kind));
    const template =
      fitting.length > 0
        ? random.pick(fitting)
        : (words.measureTemplates[14] as (typeof words.measureTemplates)[number]);
    const goalId = (index < goals.length ? goals[index] : random.pick(goals)) as string;
    const deadline = random.int(Math.min(periodFrom + 14, periodTo), periodTo);
    const outcome = measureOutcome(
      deadline,
      periodFrom,
      approvedOn,
      lastOutcomeDay,
      completedOn !== null,
      random,
    );
    out.Measure.row(
      ids.next('measure', drafted),
      id,
      goalId,
      template.title,
      template.category,
      agency.id,
      isoDay(deadline),
      index === 0 || random.chance(0.25),
      outcome.status,
      day(outcome.executedOn),
      outcome.executedOn === null ? null : random.pick(words.executionReports),
      day(outcome.failedOn),
      outcome.failedOn === null ? null : random.pick(words.failureReasons),
      outcome.status === 'PLANNED' ? 1 : 2,
      noonOf(drafted),
      noonOf(outcome.executedOn ?? outcome.failedOn ?? drafted),
    );
  }

  out.Programme.row(
    id,
    programme.number,
    registration.id,
    registration.familyId,
    plan.code,
    resourceCentreId,
    status === 'APPROVED' ? curatorInForce(registration, programme.curatorId) : programme.curatorId,
    isoDay(periodFrom),
    isoDay(periodTo),
    status,
    approval && approvedOn !== null ? approval.id : null,
    day(completedOn),
    status === 'DRAFT' ? 1 : status === 'APPROVED' ? 2 : 3,
    noonOf(drafted),
    noonOf(completedOn ?? approvedOn ?? drafted),
  );
  if (approval && approvedOn !== null) {
    const attended = random.chance(0.7);
    out.MeetingReview.row(
      approval.id,
      id,
      true,
      attended,
      attended ? 'Семья ознакомлена с программой.' : 'Семья приглашена, не явилась.',
    );
  }
  for (const report of reports) {
    // A completed programme owes no interim report that would have fallen due after it ended.
    if (completedOn !== null && report.submittedOn === null) continue;
    const reportId = ids.next('report', drafted);
    const submitted = report.submittedOn !== null;
    const overall = submitted ? random.weighted(assessments, [45, 40, 15]) : null;
    out.ProgressReport.row(
      reportId,
      id,
      report.kind,
      isoDay(report.dueOn),
      day(report.submittedOn),
      submitted ? programme.curatorId : null,
      overall,
      submitted ? random.pick(words.reportSummaries) : null,
      submitted && report.kind === 'FINAL' ? 'Продолжить наблюдение; рассмотреть снятие с учёта.' : null,
      submitted ? 2 : 1,
      noonOf(drafted),
    );
    if (overall === null) continue;
    const areas = random.sample(lifeAreas, random.int(2, 3));
    areas.forEach((area, index) => {
      // The overall verdict must be borne out by an area (rules/assessment.ts).
      const assessment = index === 0 && overall !== 'UNCHANGED' ? overall : random.pick(assessments);
      out.AreaAssessment.row(reportId, area, assessment);
    });
  }
}

interface Outcome {
  status: string;
  executedOn: number | null;
  failedOn: number | null;
}

/**
 * A measure's state on the as-of date: open while its programme is a draft; past its deadline
 * mostly done (some late), some not executed or refused, some still in progress; before it, planned
 * or in progress, a few done early. A completed programme has an outcome for every measure.
 */
function measureOutcome(
  deadline: number,
  periodFrom: number,
  approvedOn: number | null,
  lastDay: number,
  completed: boolean,
  random: Random,
): Outcome {
  if (approvedOn === null) return { status: 'PLANNED', executedOn: null, failedOn: null };
  const earliest = Math.max(periodFrom, approvedOn);
  const roll = random.next();
  if (deadline <= lastDay || completed) {
    if (roll < 0.78) {
      const on = random.chance(0.15) ? deadline + random.int(1, 30) : deadline - random.int(0, 20);
      return { status: 'DONE', executedOn: Math.max(earliest, Math.min(on, lastDay)), failedOn: null };
    }
    if (roll < 0.86)
      return {
        status: 'NOT_EXECUTED',
        executedOn: null,
        failedOn: Math.max(earliest, Math.min(deadline, lastDay)),
      };
    if (roll < 0.9)
      return {
        status: 'REFUSED_BY_AGENCY',
        executedOn: null,
        failedOn: Math.max(earliest, Math.min(deadline - 10, lastDay)),
      };
    if (completed)
      return {
        status: 'NOT_EXECUTED',
        executedOn: null,
        failedOn: Math.max(earliest, Math.min(deadline, lastDay)),
      };
    return { status: 'IN_PROGRESS', executedOn: null, failedOn: null };
  }
  if (roll < 0.1 && earliest <= lastDay) {
    return { status: 'DONE', executedOn: random.int(earliest, lastDay), failedOn: null };
  }
  return { status: roll < 0.5 ? 'IN_PROGRESS' : 'PLANNED', executedOn: null, failedOn: null };
}
