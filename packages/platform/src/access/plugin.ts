import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLOutputType } from 'graphql';
import { currentMutation } from '../audit/writes.ts';
import type { SubgraphContext } from '../context.ts';
import { covers, type FamilyRef, forbidden } from './access.ts';

/** A field holding personal data of a family or a minor: who may read it, and whose it is. */
export interface PersonalDataOptions<Parent, Context> {
  /** The family the data belongs to, with the district keeping its case. */
  family: (parent: Parent, context: Context) => FamilyRef | Promise<FamilyRef>;
  /** The minor it belongs to, when it is a minor's. */
  minor?: (parent: Parent) => string;
  /** `minimal` for what an agency may read to carry out its measures (names, ages); `full` otherwise. */
  needs?: 'minimal' | 'full';
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      access: AccessPlugin<Types>;
    }
    export interface FieldOptions<Types extends SchemaTypes, ParentShape> {
      /** Marks personal data: read only by those who work the family's case, and every read audited. */
      personalData?: PersonalDataOptions<ParentShape, Types['Context']>;
      /** A count of families, minors or cases: methodologists see it as null (suppressed) below 3. */
      figure?: boolean;
    }
  }
}

type AccessContext = SubgraphContext;

type Resolver = GraphQLFieldResolver<unknown, AccessContext, Record<string, unknown>>;

/**
 * Enforces the access policy inside each subgraph: personal-data fields check the family's access
 * and record the read in the audit; figures are suppressed for methodologists; every mutation runs
 * under its audit record (written in its transaction). Marked fields say so in the schema.
 */
export class AccessPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>) {
    const options = fieldConfig.pothosOptions as {
      personalData?: PersonalDataOptions<unknown, unknown>;
      figure?: boolean;
    };
    if (options.personalData) {
      const needs = options.personalData.needs ?? 'full';
      return {
        ...fieldConfig,
        description:
          `${fieldConfig.description ?? ''} Personal data${needs === 'minimal' ? ' (also shown to the agencies carrying out the family’s measures)' : ''}: only those who work the case read it, and every read is audited.`.trim(),
        extensions: { ...fieldConfig.extensions, personalData: needs },
      };
    }
    if (options.figure) {
      return {
        ...fieldConfig,
        type: { ...fieldConfig.type, nullable: true },
        description:
          `${fieldConfig.description ?? ''} Null (suppressed) for methodologists when below 3.`.trim(),
        extensions: { ...fieldConfig.extensions, figure: true },
      } as PothosOutputFieldConfig<Types>;
    }
    return fieldConfig;
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const options = fieldConfig.pothosOptions as {
      personalData?: PersonalDataOptions<unknown, AccessContext>;
      figure?: boolean;
    };
    const resolve = resolver as Resolver;
    let wrapped: Resolver = resolve;
    if (fieldConfig.kind === 'Mutation') wrapped = underAudit(resolve, fieldConfig.name);
    else if (options.personalData) wrapped = guardPersonalData(resolve, options.personalData, fieldConfig);
    else if (options.figure) wrapped = suppressSmallFigures(resolve);
    return wrapped as GraphQLFieldResolver<unknown, Types['Context'], object>;
  }
}

function underAudit(resolve: Resolver, operation: string): Resolver {
  return (parent, args, context, info) => {
    const { clientRequestId: _id, ...input } = args;
    return currentMutation.run(
      {
        operation,
        input,
        principal: context.access.principal,
        requestId: context.requestId,
        returns: namedTypeOf(info.returnType),
      },
      () => resolve(parent, args, context, info),
    );
  };
}

/**
 * `Family` of `Family!` or `[Family!]`. Unwrapped by hand: graphql's `getNamedType` checks `instanceof`,
 * which fails when Apollo and this module load different copies of graphql (CommonJS and ESM).
 */
function namedTypeOf(type: GraphQLOutputType): string {
  let named: { ofType?: unknown; name?: string } = type;
  while (named.ofType) named = named.ofType as typeof named;
  return named.name ?? '';
}

function guardPersonalData(
  resolve: Resolver,
  options: PersonalDataOptions<unknown, AccessContext>,
  fieldConfig: { parentType: string; name: string },
): Resolver {
  const needs = options.needs ?? 'full';
  const field = `${fieldConfig.parentType}.${fieldConfig.name}`;
  return async (parent, args, context, info) => {
    const family = await options.family(parent, context);
    if (!covers(await context.access.family(family), needs)) {
      throw forbidden(`${field} is personal data of a family whose case you do not work`);
    }
    context.audit.read({ familyId: family.familyId, minorId: options.minor?.(parent) ?? null }, field);
    return resolve(parent, args, context, info);
  };
}

/**
 * A figure resolved synchronously stays synchronous: a page of the country's resource centres is
 * tens of thousands of figures, and a promise each costs the executor more than the figure itself.
 * Any thenable is waited for, as GraphQL waits for it: a Prisma query is one, not a `Promise`.
 */
function suppressSmallFigures(resolve: Resolver): Resolver {
  return (parent, args, context, info) => {
    const value: unknown = resolve(parent, args, context, info);
    return isThenable(value)
      ? value.then((resolved) => suppressed(resolved, context))
      : suppressed(value, context);
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function suppressed(value: unknown, context: AccessContext): unknown {
  return typeof value === 'number' ? context.access.figure(value) : value;
}

SchemaBuilder.registerPlugin('access', AccessPlugin);

export default 'access' as const;
