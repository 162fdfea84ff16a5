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
