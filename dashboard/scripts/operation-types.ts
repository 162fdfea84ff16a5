/**
 * Generates the types of the dashboard's operations (the `graphql()` documents of `lib/`: results,
 * variables, the schema's enums) from the supergraph into `lib/generated/`, with GraphQL Code
 * Generator's client preset: `npm run operations`; `-- --check` fails when they are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CodegenConfig, generate } from '@graphql-codegen/cli';

const dashboardDir = path.resolve(import.meta.dirname, '..');

const config: CodegenConfig = {
  schema: path.resolve(dashboardDir, '../gateway/supergraph.graphql'),
  documents: path.join(dashboardDir, 'lib/*.ts'),
  generates: {
    [path.join(dashboardDir, 'lib/generated/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Each document as the text the dashboard sends, whose SHA-256 is its id on the safelist.
        documentMode: 'string',
        strictScalars: true,
        // The last two are composition's own, in the supergraph only, and no operation selects them.
        scalars: { Date: 'string', JSON: 'unknown', join__FieldSet: 'never', link__Import: 'never' },
        avoidOptionals: true,
        skipTypename: true,
        useTypeImports: true,
        importExtension: '.ts',
      },
    },
  },
  silent: true,
};

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

const files: Array<{ filename: string; content: string }> = await generate(config, false);
const stale = files.filter(({ filename, content }) => read(filename) !== content);

if (process.argv.includes('--check')) {
  if (stale.length > 0) {
    const names = stale.map(({ filename }) => path.relative(dashboardDir, filename)).join(', ');
    console.error(`The dashboard’s operation types are out of date (${names}): run \`npm run operations\``);
    process.exit(1);
  }
  console.log('The dashboard’s operation types are up to date');
} else {
  for (const { filename, content } of stale) writeFileSync(filename, content);
  console.log(`Wrote the operation types to ${path.join(dashboardDir, 'lib/generated/')}`);
}
