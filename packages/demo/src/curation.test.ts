import { describe, expect, it } from 'vitest';
import { agencies } from './agencies.ts';
import { curationRows } from './curation.ts';
import { replacements } from './curation-replacements.ts';
import { families } from './families.ts';
import { agencyId, familyId } from './ids.ts';

/** The demo's curation rows obey the rules the curation API enforces on what it is sent. */
const rows = curationRows(families);
const iso = (date: Date | string | null | undefined) =>
  date instanceof Date ? date.toISOString().slice(0, 10) : (date ?? null);
const byId = <Row extends { id?: string }>(list: Row[]) => new Map(list.map((row) => [row.id ?? '', row]));
const curators = byId(rows.curators);
const assignments = byId(rows.assignments);
const agencyById = new Map([...agencies].map(([key, agency]) => [agencyId(key), agency]));

describe('the demo curators and assignments', () => {
  it('give every family a curator from its registration on, one at a time, up to its closing', () => {
    for (const family of families) {
      const id = familyId(family.district, family.key);
      const own = rows.assignments
        .filter((assignment) => assignment.familyId === id)
        .sort((a, b) => String(iso(a.startedOn)).localeCompare(String(iso(b.startedOn))));
      expect(iso(own[0]?.startedOn), family.key).toBe(family.registration.openedOn);
      own.forEach((assignment, index) => {
        const next = own[index + 1];
        expect(iso(assignment.endedOn), family.key).toBe(
          next ? iso(next.startedOn) : (family.registration.closing?.closedOn ?? null),
        );
        expect(assignment.endKind, family.key).toBe(
          next ? 'REPLACED' : family.registration.closing ? 'WORK_COMPLETED' : null,
        );
      });
      const ward = rows.wards.find((w) => w.familyId === id);
      expect(ward?.version, family.key).toBe(own.length + (family.registration.closing ? 1 : 0));
    }
  });

  it('take curators from agencies of the prevention system (clause 1.3) of the family’s own district, each with the agency’s kind', () => {
    for (const assignment of rows.assignments) {
      const curator = curators.get(assignment.curatorId);
      const agency = agencyById.get(curator?.agencyId ?? '');
      expect(agency?.districtCode).toBe(assignment.districtCode);
      expect(curator).toMatchObject({ districtCode: agency?.districtCode, agencyKind: agency?.kind });
    }
  });

  it('replace curators once for each of the five reasons of clause 1.9, the curator’s own petition with its grounds', () => {
    const replaced = rows.assignments.filter((assignment) => assignment.endKind === 'REPLACED');
    expect(replaced.map((assignment) => assignment.replacementReason).sort()).toEqual([
      'CURATOR_PETITION',
      'PROBLEM_CHANGED',
      'SOCIAL_PROTECTION_PETITION',
      'STAFF_CHANGE',
      'WARD_REQUEST',
    ]);
    for (const assignment of replaced) expect(assignment.endNote?.length).toBeGreaterThan(20);
  });

  it('leave a curator who left with no ward, and deactivated', () => {
    const inactive = rows.curators.filter((curator) => curator.active === false);
    expect(inactive.map((curator) => curator.fullName)).toEqual(['Кравченко Павел Сергеевич']);
    const open = rows.assignments.filter((a) => a.curatorId === inactive[0]?.id && a.endedOn === null);
    expect(open).toEqual([]);
  });

  it('number replacement resolutions by the commission’s meetings, apart from the registry’s', () => {
    const meetings = new Map<string, string>();
    const numbers = new Set<string>();
    const resolutions = [
      ...families.flatMap(({ district, registration }) => [
        { district, date: registration.openedOn, number: registration.resolutionNumber },
        ...(registration.closing
          ? [{ district, date: registration.closing.closedOn, number: registration.closing.resolutionNumber }]
          : []),
      ]),
      ...replacements.map(({ district, replacedOn, resolutionNumber }) => ({
        district,
        date: replacedOn,
        number: resolutionNumber,
      })),
    ];
    for (const { district, date, number } of resolutions) {
      const meeting = `${district} ${date.slice(0, 4)} № ${number.split('/')[0]}`;
      expect(meetings.get(meeting) ?? date, meeting).toBe(date);
      meetings.set(meeting, date);
      numbers.add(`${district} ${date.slice(0, 4)} ${number}`);
    }
    expect(numbers.size).toBe(resolutions.length);
  });
});

describe('the demo visits', () => {
  it('fall within their assignment, by its curator, on or before 31 Jan 2012 (clause 2.3)', () => {
    for (const visit of rows.visits) {
      const assignment = assignments.get(visit.assignmentId);
      const day = String(iso(visit.visitedOn));
      expect(visit.curatorId).toBe(assignment?.curatorId);
      expect(visit.familyId).toBe(assignment?.familyId);
      expect(day >= String(iso(assignment?.startedOn))).toBe(true);
      if (assignment?.endedOn) expect(day < String(iso(assignment.endedOn))).toBe(true);
      expect(day <= '2012-01-31').toBe(true);
      expect([0, 6]).not.toContain(new Date(day).getUTCDay());
    }
  });

  it('bring agencies of the district other than the curator’s own to interagency visits (clause 4.2)', () => {
    for (const visit of rows.visits) {
      const curator = curators.get(visit.curatorId);
      const participants = (visit.participatingAgencyIds as string[]) ?? [];
      expect(participants.length > 0).toBe(visit.kind === 'INTERAGENCY');
      expect(participants).not.toContain(curator?.agencyId);
      for (const id of participants) expect(agencyById.get(id)?.districtCode).toBe(curator?.districtCode);
    }
  });

  it('miss some months in 2011, but not most', () => {
    const homeMonths = new Set(
      rows.visits
        .filter((visit) => visit.kind !== 'OTHER')
        .map((visit) => `${visit.assignmentId} ${String(iso(visit.visitedOn)).slice(0, 7)}`),
    );
    let months = 0;
    let missed = 0;
    for (const assignment of rows.assignments) {
      const from = String(iso(assignment.startedOn)).slice(0, 7);
      const until = assignment.endedOn ? String(iso(assignment.endedOn)).slice(0, 7) : '2011-12';
      for (let month = 1; month <= 12; month += 1) {
        const key = `2011-${String(month).padStart(2, '0')}`;
        if (key < from || key > until) continue;
        months += 1;
        if (!homeMonths.has(`${assignment.id} ${key}`)) missed += 1;
      }
    }
    expect(missed).toBeGreaterThan(0);
    expect(missed / months).toBeLessThan(0.25);
  });

  it('are the same on every build', () => {
    expect(curationRows(families)).toEqual(rows);
  });
});
