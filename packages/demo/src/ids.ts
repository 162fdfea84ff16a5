import { createHash } from 'node:crypto';

/** A version-8 UUID from the sha-1 of `kdn-demo:<key>`: the same key gives the same id on every run. */
export function demoId(key: string): string {
  const bytes = createHash('sha1').update(`kdn-demo:${key}`).digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x80, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

export const commissionId = (districtCode: string) => demoId(`commission:${districtCode}`);
export const agencyId = (agencyKey: string) => demoId(`agency:${agencyKey}`);
export const resourceCentreId = (districtCode: string) => demoId(`resource-centre:${districtCode}`);
export const staffPositionId = (districtCode: string, title: string) =>
  demoId(`staff-position:${districtCode}/${title}`);
export const familyId = (districtCode: string, familyKey: string) =>
  demoId(`family:${districtCode}/${familyKey}`);
export const minorId = (districtCode: string, familyKey: string, firstName: string) =>
  demoId(`minor:${districtCode}/${familyKey}/${firstName}`);
export const registrationId = (districtCode: string, familyKey: string, openedOn: string) =>
  demoId(`registration:${districtCode}/${familyKey}/${openedOn}`);
export const curatorId = (agencyKey: string, fullName: string) => demoId(`curator:${agencyKey}/${fullName}`);
export const curatorAssignmentId = (districtCode: string, familyKey: string, startedOn: string) =>
  demoId(`curator-assignment:${districtCode}/${familyKey}/${startedOn}`);
export const visitId = (districtCode: string, familyKey: string, visitedOn: string, kind: string) =>
  demoId(`visit:${districtCode}/${familyKey}/${visitedOn}/${kind}`);
export const meetingId = (districtCode: string, protocolNumber: string) =>
  demoId(`working-group-meeting:${districtCode}/${protocolNumber}`);
export const programmeId = (districtCode: string, number: string) =>
  demoId(`programme:${districtCode}/${number}`);
export const programmeGoalId = (districtCode: string, number: string, ordinal: number) =>
  demoId(`programme-goal:${districtCode}/${number}/${ordinal}`);
export const measureId = (districtCode: string, number: string, ordinal: number) =>
  demoId(`measure:${districtCode}/${number}/${ordinal}`);
export const programmeChangeId = (districtCode: string, number: string, ordinal: number) =>
  demoId(`programme-change:${districtCode}/${number}/${ordinal}`);
export const progressReportId = (districtCode: string, number: string, kind: string, dueOn: string) =>
  demoId(`progress-report:${districtCode}/${number}/${kind}/${dueOn}`);
