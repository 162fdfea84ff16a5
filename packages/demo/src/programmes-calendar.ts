import { createHash } from 'node:crypto';
import type { DistrictCode } from './agencies.ts';

/** The last day the demo records: Resolution No. 2 reports the registers on 1 February 2012. */
export const demoEnd = '2012-02-01';

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 → 28 Feb). */
export function addMonths(iso: string, months: number): string {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

export const earlier = (a: string, b: string) => (a < b ? a : b);
export const later = (a: string, b: string) => (a > b ? a : b);

/** A deterministic number in [0, 1) for a key: the demo's choices vary by family but never between runs. */
export function fraction(...key: Array<string | number>): number {
  return createHash('sha1').update(key.join('/')).digest().readUInt32BE(0) / 2 ** 32;
}

export interface MeetingDay {
  district: DistrictCode;
  heldOn: string;
  protocolNumber: string;
}

/**
 * The working group meets at each resource centre twice a month, on the second and fourth
 * Thursday in Kirovsky and Wednesday in Zheleznodorozhny, from January 2011 to January 2012;
 * protocols are numbered from 1 each year.
 */
export function meetingCalendar(district: DistrictCode): MeetingDay[] {
  const weekday = district === 'kirovsky' ? 4 : 3;
  const days: MeetingDay[] = [];
  for (let month = 0; month < 13; month += 1) {
    const first = new Date(Date.UTC(2011, month, 1));
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    for (const week of [1, 3]) {
      const heldOn = addDays(first.toISOString().slice(0, 10), offset + week * 7);
      const year = heldOn.slice(0, 4);
      const number = days.filter((day) => day.heldOn.startsWith(year)).length + 1;
      days.push({ district, heldOn, protocolNumber: `${number}/${year}` });
    }
  }
  return days;
}

/** The first meeting on or after a day, if the calendar has one by the demo's end. */
export function meetingOnOrAfter(calendar: readonly MeetingDay[], day: string): MeetingDay | undefined {
  return calendar.find((meeting) => meeting.heldOn >= day && meeting.heldOn <= demoEnd);
}
