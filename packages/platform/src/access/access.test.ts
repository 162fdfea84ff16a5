import { describe, expect, it } from 'vitest';
import { Access, type CaseLinks } from './access.ts';
import { type Claims, claimsSchema, principalFrom } from './principal.ts';

const ward = '0190a0a0-0000-7000-8000-000000000001';
const served = '0190a0a0-0000-7000-8000-000000000002';
const other = '0190a0a0-0000-7000-8000-000000000003';
const agency = '0190a0a0-0000-7000-8000-0000000000aa';
const curator = '0190a0a0-0000-7000-8000-0000000000cc';

function accessOf(claims: Claims) {
  const asked = { wards: 0, served: 0 };
  const links: CaseLinks = {
    wardsOfCurator: async (id) => {
      asked.wards += 1;
      return new Set(id === curator ? [ward] : []);
    },
    familiesServedByAgency: async (id) => {
      asked.served += 1;
      return new Set(id === agency ? [served] : []);
    },
  };
  return { access: new Access(principalFrom(claimsSchema.parse(claims)), links), asked };
}

const inKirovsky = (familyId: string) => ({ familyId, districtCode: 'kirovsky' });

describe('the access policy', () => {
  it('gives a commission its own district in full and nothing of another', async () => {
    const { access } = accessOf({ sub: 'c', role: 'COMMISSION', district: 'kirovsky' });
    expect(await access.family(inKirovsky(other))).toBe('full');
    expect(await access.family({ familyId: other, districtCode: 'zheleznodorozhny' })).toBe('none');
    expect(await access.familyRows()).toEqual({ kind: 'districts', districtCodes: ['kirovsky'] });
    expect(access.readsAggregatesOf('zheleznodorozhny')).toBe(false);
    expect(access.writesCasesOf('kirovsky')).toBe(true);
  });

  it('gives a curator its wards only, asking for them once per request', async () => {
    const { access, asked } = accessOf({ sub: 'k', role: 'CURATOR', district: 'kirovsky', agency, curator });
    expect(await access.family(inKirovsky(ward))).toBe('full');
    expect(await access.family(inKirovsky(other))).toBe('none');
    expect(await access.familyRows()).toEqual({ kind: 'families', familyIds: [ward] });
    expect(asked.wards).toBe(1);
    expect(access.writesCasesOf('kirovsky')).toBe(false);
    expect(access.readsAggregatesOf('kirovsky')).toBe(true);
  });

  it('gives an agency the minimum about the families it serves', async () => {
    const { access } = accessOf({ sub: 'a', role: 'AGENCY', district: 'kirovsky', agency });
    expect(await access.family(inKirovsky(served))).toBe('minimal');
    expect(await access.family(inKirovsky(ward))).toBe('none');
  });

  it('gives a methodologist figures of every district, suppressed below 3, and no rows', async () => {
    const { access } = accessOf({ sub: 'm', role: 'METHODOLOGIST' });
    expect(await access.family(inKirovsky(ward))).toBe('none');
    expect(await access.familyRows()).toEqual({ kind: 'none' });
    expect(access.readsAggregatesOf('zheleznodorozhny')).toBe(true);
    expect([0, 1, 2, 3, 40].map((n) => access.figure(n))).toEqual([null, null, null, 3, 40]);
  });

  it('gives an integrator what its scopes and district allow', async () => {
    const records = accessOf({
      sub: 'i',
      role: 'INTEGRATOR',
      scope: 'cases:read',
      district: 'kirovsky',
    }).access;
    expect(await records.family(inKirovsky(ward))).toBe('record');
    expect(await records.family({ familyId: ward, districtCode: 'zheleznodorozhny' })).toBe('none');
    expect(records.readsAggregatesOf('kirovsky')).toBe(false);
    const full = accessOf({ sub: 'i', role: 'INTEGRATOR', scope: 'cases:read personal-data:read' }).access;
    expect(await full.family(inKirovsky(ward))).toBe('full');
    expect(full.figure(1)).toBe(1);
  });

  it('gives an administrator the directory and the audit, and no case', async () => {
    const { access } = accessOf({ sub: 'x', role: 'ADMIN' });
    expect(await access.family(inKirovsky(ward))).toBe('none');
    expect(access.administersDirectoryOf('kirovsky')).toBe(true);
    expect(access.readsAuditOf('kirovsky')).toBe(true);
    expect(access.readsAggregatesOf('kirovsky')).toBe(false);
    expect(() => access.require(access.writesCasesOf('kirovsky'), 'registering a family')).toThrow(
      /Not allowed for ADMIN/,
    );
  });

  it('refuses claims that do not fit the role', () => {
    expect(claimsSchema.safeParse({ sub: 'k', role: 'CURATOR', district: 'kirovsky' }).success).toBe(false);
    expect(claimsSchema.safeParse({ sub: 'c', role: 'COMMISSION' }).success).toBe(false);
    expect(claimsSchema.safeParse({ sub: 'i', role: 'INTEGRATOR' }).success).toBe(false);
    expect(claimsSchema.safeParse({ sub: 'i', role: 'INTEGRATOR', scope: 'everything' }).success).toBe(false);
    expect(claimsSchema.safeParse({ sub: 'x', role: 'ROOT' }).success).toBe(false);
  });
});
