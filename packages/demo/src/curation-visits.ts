import { createHash } from 'node:crypto';
import { calendarDate, isoDate } from '@kdn/platform';
import type { Prisma, VisitKind } from '@kdn/prisma/curation';
import type { DistrictCode } from './agencies.ts';
import { agencyId, visitId } from './ids.ts';

/** One curator's stretch with a family: what the visits are generated for. */
export interface Episode {
  assignmentId: string;
  curatorId: string;
  curatorAgency: string;
  familyId: string;
  district: DistrictCode;
  familyKey: string;
  startedOn: string;
  /** The first day the curator no longer holds the family; null while they do. */
  endedOn: string | null;
}

/** The demo's world ends with January 2012: no visits after it. */
const lastVisitDay = '2012-01-31';

/**
 * Months with no home visit on purpose, so that compliance and overdue figures have something to
 * show on 31 Dec 2011: Nesterov, Egorova, Ovchinnikov and Naumova overdue, Demidov due that very
 * day, Kharlamov (put on the register on 21 Dec) not yet visited.
 */
const missedOnPurpose = new Set([
  'kirovsky/nesterov/2011-11',
  'kirovsky/nesterov/2011-12',
  'kirovsky/demidov/2011-12',
  'kirovsky/kharlamov/2011-12',
  'kirovsky/egorova/2011-11',
  'kirovsky/egorova/2011-12',
  'zheleznodorozhny/ovchinnikov/2011-10',
  'zheleznodorozhny/ovchinnikov/2011-11',
  'zheleznodorozhny/ovchinnikov/2011-12',
  'zheleznodorozhny/naumova/2011-11',
  'zheleznodorozhny/naumova/2011-12',
]);

/** A number in [0, 1) fixed by the key: the demo is the same on every load. */
function chance(key: string): number {
  return createHash('sha1').update(`kdn-demo:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

function pick<T>(items: readonly T[], key: string): T {
  return items[Math.floor(chance(key) * items.length)] as T;
}

const homeTalks = [
  'Беседа с матерью о режиме дня детей и контроле за посещением школы.',
  'Профилактическая беседа о недопустимости употребления спиртного в присутствии детей.',
  'Беседа с подростком о правилах поведения в общественных местах и ответственности за правонарушения.',
  'Обсуждено оформление документов на детское пособие и другие меры социальной поддержки.',
  'Проверены жилищно-бытовые условия; беседа о санитарном состоянии квартиры.',
  'Беседа о занятости ребёнка во внеурочное время, предложены кружки и секции.',
  'Беседа с родителями о детско-родительских отношениях и способах разрешения конфликтов.',
];

const interagencyTalks = [
  'Межведомственное посещение: проверены условия проживания, с родителями проведена профилактическая беседа.',
  'Совместное посещение с инспектором ОДН и специалистом центра: родители предупреждены об ответственности.',
  'Межведомственное посещение по итогам заседания рабочей группы: обсуждено выполнение программы.',
];

const otherTalks = [
  'Беседа с ребёнком в школе у социального педагога об успеваемости и пропусках.',
  'Приём матери в учреждении: консультация по оформлению документов.',
  'Телефонный разговор с матерью, приглашение на заседание рабочей группы.',
];

const recommendations = [
  'Собрать документы для оформления пособия до конца месяца.',
  'Записать ребёнка в спортивную секцию.',
  'Обратиться к психологу ЦСПСиД.',
  'Пройти консультацию врача-нарколога.',
  'Посещать родительские собрания в школе.',
  'Ежедневно проверять выполнение домашних заданий.',
];

const situations = [
  'Обстановка в семье спокойная, продукты питания имеются.',
  'В квартире беспорядок, мать в состоянии алкогольного опьянения.',
  'Положительная динамика: ребёнок посещает школу без пропусков.',
  'Без существенных изменений.',
  'Конфликт между родителями, дети напуганы; сообщено в рабочую группу.',
];

/** The agencies that may join a curator on an interagency visit (clause 4.2), by key within the district. */
const partners = ['police', 'centre', 'social-protection', 'polyclinic', 'guardianship'];

/** Every month of the episode up to January 2012, as `YYYY-MM`. */
function monthsOf(episode: Episode): string[] {
  const lastDay = episode.endedOn ? isoDate(dayBefore(episode.endedOn)) : lastVisitDay;
  const until = lastDay < lastVisitDay ? lastDay : lastVisitDay;
  const months: string[] = [];
  for (let month = episode.startedOn.slice(0, 7); month <= until.slice(0, 7); month = nextMonth(month)) {
    months.push(month);
  }
  return months;
}

function nextMonth(month: string): string {
  const date = calendarDate(`${month}-01`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return isoDate(date).slice(0, 7);
}

function dayBefore(iso: string): Date {
  const date = calendarDate(iso);
  date.setUTCDate(date.getUTCDate() - 1);
  return date;
}

/** The working days of the month within the episode. */
function workingDays(episode: Episode, month: string): string[] {
  const days: string[] = [];
  for (
    let day = calendarDate(`${month}-01`);
    isoDate(day).startsWith(month);
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    const iso = isoDate(day);
    const weekday = day.getUTCDay();
    const within =
      iso >= episode.startedOn && (!episode.endedOn || iso < episode.endedOn) && iso <= lastVisitDay;
    if (within && weekday !== 0 && weekday !== 6) days.push(iso);
  }
  return days;
}

/**
 * Plausible visits of one episode: mostly one home visit a month, sometimes two, now and then an
 * interagency visit instead, some months missed, and talks elsewhere that are not home visits.
 */
export function visitsOf(episode: Episode): Prisma.VisitCreateManyInput[] {
  const visits: Prisma.VisitCreateManyInput[] = [];
  const add = (visitedOn: string, kind: VisitKind, discussed: string, participants: string[] = []) => {
    const key = `${episode.district}/${episode.familyKey}/${visitedOn}`;
    visits.push({
      id: visitId(episode.district, episode.familyKey, visitedOn, kind),
      assignmentId: episode.assignmentId,
      curatorId: episode.curatorId,
      familyId: episode.familyId,
      visitedOn: calendarDate(visitedOn),
      kind,
      participatingAgencyIds: participants.map((partner) => agencyId(`${episode.district}/${partner}`)),
      discussed,
      recommendations: kind === 'OTHER' ? null : pick(recommendations, `${key}/recommendation`),
      situationNote: kind === 'OTHER' ? null : pick(situations, `${key}/situation`),
    });
  };
  for (const month of monthsOf(episode)) {
    const days = workingDays(episode, month);
    if (days.length === 0) continue;
    const key = `${episode.district}/${episode.familyKey}/${month}`;
    const roll = chance(key);
    const missed = missedOnPurpose.has(key) || roll < 0.1;
    const first = pick(days.slice(0, Math.ceil(days.length / 2)), `${key}/first`);
    const later = pick(days.slice(Math.ceil(days.length / 2)), `${key}/later`) ?? first;
    if (!missed && roll > 0.88) {
      const own = episode.curatorAgency.split('/')[1];
      const others = partners.filter((partner) => partner !== own);
      const joined = [pick(others, `${key}/partner-1`), pick(others, `${key}/partner-2`)];
      add(first, 'INTERAGENCY', pick(interagencyTalks, `${key}/talk`), [...new Set(joined)]);
    } else if (!missed) {
      add(first, 'HOME', pick(homeTalks, `${key}/talk`));
      if (roll > 0.72 && later !== first) add(later, 'HOME', pick(homeTalks, `${key}/talk-2`));
    }
    const laterIsFree = missed || roll <= 0.72 || roll > 0.88;
    if (laterIsFree && later !== first && chance(`${key}/other`) < 0.2) {
      add(later, 'OTHER', pick(otherTalks, `${key}/other-talk`));
    }
  }
  return visits;
}
