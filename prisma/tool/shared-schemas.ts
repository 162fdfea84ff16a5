import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prismaDir, type ServiceName, servicePaths } from './services.ts';

/*
 * What several services' schemas hold the same (the platform's tables, shared enums) is defined once,
 * in prisma/shared/<name>.prisma. A schema.prisma includes it by a section between two marker lines,
 * which `generate` and `create` rewrite from the shared file and `check` requires to be as written.
 */

const sharedFile = (name: string) => `prisma/shared/${name}.prisma`;
const regenerate = 'npm run generate --workspace @kdn/prisma';
const beginLine = (name: string) =>
  `// --- generated from ${sharedFile(name)} by the migration tool (${regenerate}): do not edit ---`;
const endLine = (name: string) => `// --- end of ${sharedFile(name)} ---`;
const beginPattern = /^\/\/ --- generated from prisma\/shared\/([\w-]+)\.prisma\b.*$/gm;

interface Section {
  name: string;
  /** Offsets of the section in the schema, its marker lines included. */
  start: number;
  end: number;
}

function sectionsOf(schema: string, file: string): Section[] {
  const sections: Section[] = [];
  for (const match of schema.matchAll(beginPattern)) {
    const name = match[1] as string;
    const previous = sections.at(-1);
    if (previous && match.index < previous.end) {
      throw new Error(
        `${file}: the section of ${sharedFile(name)} begins inside that of ${sharedFile(previous.name)}`,
      );
    }
    const end = schema.indexOf(endLine(name), match.index);
    if (end === -1)
      throw new Error(`${file}: the section of ${sharedFile(name)} lacks its end line "${endLine(name)}"`);
    sections.push({ name, start: match.index, end: end + endLine(name).length });
  }
  return sections;
}

function sectionText(name: string, file: string): string {
  const shared = path.join(prismaDir, 'shared', `${name}.prisma`);
  if (!existsSync(shared)) throw new Error(`${file}: includes ${sharedFile(name)}, which does not exist`);
  const text = readFileSync(shared, 'utf8');
  return `${beginLine(name)}\n${text}${text.endsWith('\n') ? '' : '\n'}${endLine(name)}`;
}

/** The schema with each of its sections rewritten from its shared file, as `generate` writes it. */
export function withSharedSections(schema: string, file: string): string {
  let result = '';
  let copied = 0;
  for (const { name, start, end } of sectionsOf(schema, file)) {
    result += schema.slice(copied, start) + sectionText(name, file);
    copied = end;
  }
  return result + schema.slice(copied);
}

/**
 * Why the schema's sections differ from their shared files: one message per section edited by hand,
 * or whose shared file changed since the last `generate`; none when all are as generated.
 */
export function staleSections(schema: string, file: string): string[] {
  return sectionsOf(schema, file)
    .filter(({ name, start, end }) => schema.slice(start, end) !== sectionText(name, file))
    .map(
      ({ name }) =>
        `${file}: its copy of ${sharedFile(name)} differs from that file (edited by hand, or the file changed ` +
        `since the last generate). Put the change in ${sharedFile(name)}, then run \`${regenerate}\`, which rewrites the copy.`,
    );
}

/** `prisma/<service>/schema.prisma`, as messages name it. */
export const schemaFile = (service: ServiceName) => `prisma/${service}/schema.prisma`;

/** The service's schema.prisma as `generate` writes it. */
export function generatedSchema(service: ServiceName): string {
  return withSharedSections(readFileSync(servicePaths(service).schema, 'utf8'), schemaFile(service));
}

/** Rewrites the service's schema.prisma from the shared files; true when that changed it. */
export function writeSharedSections(service: ServiceName): boolean {
  const { schema } = servicePaths(service);
  const current = readFileSync(schema, 'utf8');
  const generated = withSharedSections(current, schemaFile(service));
  if (generated === current) return false;
  writeFileSync(schema, generated);
  return true;
}
