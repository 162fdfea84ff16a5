import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { servicePaths, services } from './services.ts';
import { schemaFile, staleSections, withSharedSections } from './shared-schemas.ts';

const agencies = readFileSync(servicePaths('agencies').schema, 'utf8');

describe('staleSections', () => {
  it.each(services)('finds %s’s schema.prisma as generated from prisma/shared', (service) => {
    expect(staleSections(readFileSync(servicePaths(service).schema, 'utf8'), schemaFile(service))).toEqual(
      [],
    );
  });

  it('names the shared file of a copy edited by hand, which generate puts back', () => {
    const edited = agencies.replace('  result    String?\n', '  result    String?\n  note      String?\n');
    expect(edited).not.toBe(agencies);
    expect(staleSections(edited, 'prisma/agencies/schema.prisma')).toEqual([
      expect.stringMatching(
        /^prisma\/agencies\/schema\.prisma: its copy of prisma\/shared\/platform\.prisma differs from that file/,
      ),
    ]);
    expect(withSharedSections(edited, 'prisma/agencies/schema.prisma')).toBe(agencies);
  });

  it('refuses a section without its end line', () => {
    const unended = agencies.replace('// --- end of prisma/shared/agency-kind.prisma ---\n', '');
    expect(() => staleSections(unended, 'prisma/agencies/schema.prisma')).toThrow(
      /section of prisma\/shared\/agency-kind\.prisma lacks its end line/,
    );
  });
});
