import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations, pgliteSession } from './migrate.ts';
import { type ServiceName, servicePaths } from './services.ts';
import { generatedSchema } from './shared-schemas.ts';

declare global {
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void };
}

// @types/node 20 lacks the WebAssembly global; type only what is used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

let engineLoaded = false;

function loadSchemaEngine(): typeof wasmBindings.SchemaEngine {
  if (!engineLoaded) {
    // Must exist before the engine runs, or a panic surfaces as "reading 'set_message'".
    globalThis.PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message) => console.error(`schema engine panic: ${message}`),
    };
    // Node 20 cannot import the package's .wasm entry, so instantiate it by hand.
    const bindings = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasm = new WebAssembly.Module(
      readFileSync(path.join(path.dirname(bindings), 'schema_engine_bg.wasm')),
    );
    const instance = new WebAssembly.Instance(wasm, { './schema_engine_bg.js': wasmBindings });
    wasmBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    engineLoaded = true;
  }
  return wasmBindings.SchemaEngine;
}

let blankDataDir: Promise<Blob> | undefined;

/** A new empty in-memory database: cloned from a dump of the first, since initdb costs seconds and a clone under one. */
export async function blankPGlite(): Promise<PGlite> {
  blankDataDir ??= PGlite.create().then(async (db) => {
    const dump = await db.dumpDataDir('none');
    await db.close();
    return dump;
  });
  return PGlite.create({ loadDataDir: await blankDataDir });
}

/**
 * The SQL that takes a database holding exactly the service's committed migrations to the state
 * its schema.prisma describes, with its sections as `generate` writes them from prisma/shared;
 * formatted as Prisma writes migration.sql, '' when they agree.
 * Needs no shadow database: the migrations are applied to a throw-away in-memory PGlite.
 */
export async function diffMigrationsToSchema(service: ServiceName): Promise<string> {
  const { dir, schema } = servicePaths(service);
  const files = [{ path: schema, content: generatedSchema(service) }];
  const db = await blankPGlite();
  try {
    await applyMigrations(service, pgliteSession(db), 'public');
    const engine = await loadSchemaEngine().new(
      { datamodels: files.map((file) => [file.path, file.content]) },
      () => {},
      bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db)),
    );
    try {
      const { stdout } = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: dir },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      return stdout === null || stdout.trim() === '-- This is an empty migration.' ? '' : stdout;
    } finally {
      engine.free();
    }
  } finally {
    await db.close();
  }
}
