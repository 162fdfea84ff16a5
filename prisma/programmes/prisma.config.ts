// Prisma's CLI would download a native schema engine, which this project never uses (migrations run
// on the Wasm engine, see ../tool). Pointing it at /bin/false keeps generate/validate/format offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/false';

import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: './schema.prisma',
  migrations: { path: './migrations' },
});
