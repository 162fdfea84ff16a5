import { describe, expect, it } from 'vitest';
import { families } from './families.ts';
import { curatorId } from './ids.ts';
import { programmePlans, programmesRows } from './programmes.ts';
import { demoEnd, meetingCalendar } from './programmes-calendar.ts';
import type { PlannedMeasure, ProgrammePlan } from './programmes-plan.ts';

const plans = programmePlans(families);
const rows = programmesRows(families);
const approved = plans.filter((plan) => plan.status !== 'DRAFT');
const within = (day: string, from: string, to: string) => from <= day && day <= to;
const open = (measure: PlannedMeasure) => ['PLANNED', 'IN_PROGRESS'].includes(measure.status);
const outcomeDay = (measure: PlannedMeasure) => measure.executedOn ?? measure.failedOn;

/** As the programmes service derives it: a measure against its deadline at the end of a day. */
function timeliness(measure: PlannedMeasure, asOf: string): string {
  if (measure.executedOn && measure.executedOn <= asOf) {
    return measure.executedOn <= measure.deadline ? 'DONE_ON_TIME' : 'DONE_LATE';
  }
  if (measure.failedOn && measure.failedOn <= asOf) return measure.status;
  if (measure.excludedOn && measure.excludedOn <= asOf) return 'EXCLUDED';
  return measure.deadline < asOf ? 'OVERDUE' : 'NOT_DUE';
}

describe('the demo programmes', () => {
  it('cover every registration from January 2011 on, one programme each, numbered uniquely in the district', () => {
    const registered = families.filter((f) => f.registration.openedOn >= '2011-01-01');
    expect(plans.map((plan) => `${plan.family.district}/${plan.family.key}`).sort()).toEqual(
      registered.map((f) => `${f.district}/${f.key}`).sort(),
    );
    expect(new Set(plans.map((plan) => `${plan.family.district} ${plan.number}`)).size).toBe(plans.length);
  });

  it('name the family’s curator as the curation demo does', () => {
    for (const [index, row] of rows.programmes.entries()) {
      const { family } = plans[index] as ProgrammePlan;
      expect(row.curatorId).toBe(curatorId(family.curator.agency, family.curator.curator.fullName));
    }
  });

  it('set 2–4 concrete goals, each served by a measure, and measures across 3–6 agencies with a priority plan', () => {
    for (const plan of plans) {
      const label = plan.number;
      expect(plan.goals.length, label).toBeGreaterThanOrEqual(2);
      expect(plan.goals.length, label).toBeLessThanOrEqual(4);
      plan.goals.forEach((goal, index) => {
        expect(goal.indicator.length, label).toBeGreaterThan(10);
        expect(within(goal.targetDate, plan.periodFrom, plan.periodTo), label).toBe(true);
        expect(
          plan.measures.some((measure) => measure.goal === index),
          label,
        ).toBe(true);
      });
      const agencies = new Set(plan.measures.map((measure) => measure.agencyKey));
      expect(agencies.size, label).toBeGreaterThanOrEqual(3);
      expect(agencies.size, label).toBeLessThanOrEqual(6);
      expect(
        plan.measures.some((measure) => measure.priority),
        label,
      ).toBe(true);
      for (const measure of plan.measures) {
        expect(within(measure.deadline, plan.periodFrom, plan.periodTo), `${label} ${measure.title}`).toBe(
          true,
        );
      }
    }
  });

  it('record outcomes the way the service requires them: dated, reported, reasoned, never after the programme', () => {
    for (const plan of plans) {
      const last = plan.completedOn ?? demoEnd;
      for (const measure of plan.measures) {
        const label = `${plan.number} ${measure.title}`;
        expect(!!measure.executedOn && !!measure.executionReport, label).toBe(measure.status === 'DONE');
        expect(!!measure.failedOn && !!measure.failureReason, label).toBe(
          measure.status === 'NOT_EXECUTED' || measure.status === 'REFUSED_BY_AGENCY',
        );
        const day = outcomeDay(measure);
        if (day) expect(within(day, plan.periodFrom, last), label).toBe(true);
        if (measure.excludedOn) expect(open(measure), label).toBe(true);
        if (plan.status === 'DRAFT') expect(measure.status, label).toBe('PLANNED');
      }
    }
  });

  it('complete a programme when the commission hears its results: every measure has an outcome by then', () => {
    const completed = plans.filter((plan) => plan.status === 'COMPLETED');
    expect(completed.length).toBeGreaterThanOrEqual(8);
    for (const plan of completed) {
      expect(
        plan.measures.filter((m) => open(m) && !m.excludedOn),
        plan.number,
      ).toEqual([]);
      const final = plan.reports.find((report) => report.kind === 'FINAL');
      expect(final?.submittedOn, plan.number).toBe(plan.completedOn);
      expect(final?.proposals, plan.number).toBeTruthy();
      const closing = plan.family.registration.closing;
      if (closing) expect(plan.completedOn, plan.number).toBe(closing.closedOn);
    }
  });

  it('hold working-group meetings twice a month at each resource centre, with protocols numbered uniquely', () => {
    for (const district of ['kirovsky', 'zheleznodorozhny'] as const) {
      const meetings = rows.meetings.filter((meeting) => meeting.districtCode === district);
      const in2011 = meetingCalendar(district).filter((day) => day.heldOn.startsWith('2011'));
      expect(in2011).toHaveLength(24);
      expect(new Set(meetings.map((meeting) => meeting.protocolNumber)).size).toBe(meetings.length);
      for (const meeting of meetings) expect(meeting.attendingAgencyIds.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('approve each programme at a meeting that reviewed it with the family invited; families mostly attend', () => {
    for (const plan of approved) {
      const [approval] = plan.reviews;
      expect(approval?.heldOn, plan.number).toBe(plan.periodFrom);
      expect(approval?.familyInvited, plan.number).toBe(true);
      expect(
        plan.reviews.some((review) => review.heldOn === plan.approvedOn),
        plan.number,
      ).toBe(true);
    }
    const reviews = approved.flatMap((plan) => plan.reviews);
    expect(reviews.every((review) => review.familyInvited)).toBe(true);
    const attended = reviews.filter((review) => review.familyAttended).length / reviews.length;
    expect(attended).toBeGreaterThan(0.6);
    expect(attended).toBeLessThan(1);
  });

  it('decide changes at a meeting that reviewed the programme, after the proposal; pending ones keep it under review', () => {
    for (const plan of plans) {
      for (const change of plan.changes) {
        const label = `${plan.number} ${change.kind}`;
        if (!change.decidedOn) {
          expect(plan.status, label).toBe('UNDER_REVIEW');
          continue;
        }
        expect(change.decidedOn >= change.proposedOn, label).toBe(true);
        expect(within(change.proposedOn, plan.periodFrom, plan.periodTo), label).toBe(true);
        expect(
          plan.reviews.some((review) => review.heldOn === change.decidedOn),
          label,
        ).toBe(true);
        const measure = plan.measures[change.measure ?? -1];
        if (change.proposal && change.decision === 'ACCEPTED') {
          expect(measure?.deadline && measure.deadline >= change.decidedOn, label).toBe(true);
        }
        if (change.kind === 'MEASURE_EXCLUDED') expect(measure?.excludedOn, label).toBe(change.decidedOn);
      }
      expect(plan.changes.some((change) => change.decision === 'PROPOSED')).toBe(
        plan.status === 'UNDER_REVIEW',
      );
    }
  });

  it('schedule interim reports inside the period, with overall assessments the areas support', () => {
    for (const plan of plans) {
      for (const report of plan.reports) {
        if (report.kind === 'INTERIM') expect(report.dueOn < plan.periodTo, plan.number).toBe(true);
        if (!report.overall || report.overall === 'UNCHANGED') continue;
        expect(
          report.assessments.map((a) => a.assessment),
          plan.number,
        ).toContain(report.overall);
      }
    }
  });

  describe('give every indicator of the analytics something to show', () => {
    const measures = approved.flatMap((plan) => plan.measures);
    for (const asOf of ['2011-12-31', demoEnd]) {
      it(`measures done on time, late, overdue, not executed, refused and excluded as of ${asOf}`, () => {
        const seen = new Set(measures.map((measure) => timeliness(measure, asOf)));
        for (const kind of [
          'DONE_ON_TIME',
          'DONE_LATE',
          'OVERDUE',
          'NOT_EXECUTED',
          'REFUSED_BY_AGENCY',
          'EXCLUDED',
        ]) {
          expect(seen, kind).toContain(kind);
        }
      });
    }

    it('programmes in every status', () => {
      expect(new Set(plans.map((plan) => plan.status))).toEqual(
        new Set(['DRAFT', 'APPROVED', 'UNDER_REVIEW', 'COMPLETED']),
      );
    });

    it('families improved, unchanged and worsened at their last report', () => {
      const last = approved
        .map((plan) => plan.reports.filter((report) => report.submittedOn).at(-1)?.overall)
        .filter(Boolean);
      expect(new Set(last)).toEqual(new Set(['IMPROVED', 'UNCHANGED', 'WORSENED']));
    });

    it('the Kachinsky checklist at both centres: protocols, reports on time and late, programmes corrected, priority measures done', () => {
      for (const district of ['kirovsky', 'zheleznodorozhny']) {
        const here = approved.filter((plan) => plan.family.district === district);
        const reports = here.flatMap((plan) => plan.reports.filter((report) => report.dueOn <= demoEnd));
        expect(rows.meetings.filter((meeting) => meeting.districtCode === district).length, district).toBe(
          26,
        );
        expect(
          reports.some((r) => r.submittedOn && r.submittedOn <= r.dueOn),
          district,
        ).toBe(true);
        expect(
          reports.some((r) => r.submittedOn && r.submittedOn > r.dueOn),
          district,
        ).toBe(true);
        expect(
          reports.some((r) => !r.submittedOn),
          district,
        ).toBe(true);
        expect(
          here.some((plan) => plan.changes.some((c) => c.decision === 'ACCEPTED')),
          district,
        ).toBe(true);
        const priority = here.flatMap((plan) => plan.measures.filter((measure) => measure.priority));
        expect(
          priority.some((measure) => measure.status === 'DONE'),
          district,
        ).toBe(true);
        expect(
          priority.some((measure) => measure.status !== 'DONE'),
          district,
        ).toBe(true);
      }
    });

    it('each of the four kinds of change, accepted and rejected decisions', () => {
      const changes = plans.flatMap((plan) => plan.changes);
      expect(new Set(changes.map((change) => change.kind))).toEqual(
        new Set(['PRIORITY_CHANGED', 'MEASURE_EXCLUDED', 'MEASURE_ADDED', 'AGENCY_INVOLVED']),
      );
      expect(new Set(changes.map((change) => change.decision))).toEqual(
        new Set(['PROPOSED', 'ACCEPTED', 'REJECTED']),
      );
    });
  });
});
