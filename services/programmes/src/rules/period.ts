import { isoDate } from '@kdn/platform';

/** A programme's period, both days included. */
export interface Period {
  periodFrom: Date;
  periodTo: Date;
}

export function isWithin(day: Date, { periodFrom, periodTo }: Period): boolean {
  return periodFrom <= day && day <= periodTo;
}

export function outsidePeriod(period: Period): string {
  return `must be within the programme’s period, ${isoDate(period.periodFrom)} to ${isoDate(period.periodTo)}`;
}
