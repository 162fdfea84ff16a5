import type { createSubgraphBuilder } from '../builder.ts';
import type { SubgraphContext } from '../context.ts';
import type { SqlClient } from '../sql-client.ts';

interface StoredAuditRecord {
  at: Date;
  action: string;
  operation: string | null;
  requestId: string;
  userId: string;
  role: string;
  minorIds: string[];
  fields: string[];
  changes: unknown;
}

/** A family's audit records in one service, newest first. */
export async function auditRecordsOf(
  db: SqlClient,
  familyId: string,
  limit: number,
): Promise<StoredAuditRecord[]> {
  return db.$queryRawUnsafe<StoredAuditRecord[]>(
    `SELECT at, action, operation, "requestId", "userId", role, "minorIds"::text[] AS "minorIds", fields, changes
       FROM "AuditRecord" WHERE "familyIds" @> ARRAY[$1]::uuid[] ORDER BY at DESC, id DESC LIMIT $2`,
    familyId,
    limit,
  );
}

interface FamilyAuditOptions<Context extends SubgraphContext> {
  /** The field of `FamilyAudit` this service answers: its own name. */
  service: 'registry' | 'curation' | 'programmes';
  db: (context: Context) => SqlClient;
  /** The district whose commission keeps the family's case, from this service's own records; null if it has none. */
  districtOf: (familyId: string, context: Context) => Promise<string | null>;
}

/**
 * `FamilyAudit`, the answer to "who viewed or changed this family, and when": an entity keyed by the
 * family's id to which each subgraph that holds personal data adds its own records as a field.
 * The commission of the family's district, administrators and integrators with `audit:read` may ask.
 */
export function addFamilyAudit<Context extends SubgraphContext>(
  builder: ReturnType<typeof createSubgraphBuilder<Context>>,
  { service, db, districtOf }: FamilyAuditOptions<Context>,
) {
  const Action = builder.enumType('AuditAction', {
    description: 'What was done with the personal data.',
    values: {
      READ: { description: 'Read.' },
      WRITE: { description: 'Written: registered, changed or closed.' },
    },
  });
  const Entry = builder.objectRef<StoredAuditRecord>('AuditEntry').implement({
    description: 'One request that read or wrote a family’s personal data.',
    shareable: true,
    fields: (t) => ({
      at: t.string({
        description: 'When, as an ISO 8601 timestamp in UTC.',
        resolve: (entry) => entry.at.toISOString(),
      }),
      action: t.field({
        type: Action,
        description: 'Read or written.',
        resolve: (entry) => entry.action as 'READ',
      }),
      operation: t.exposeString('operation', {
        nullable: true,
        description: 'The GraphQL operation or mutation.',
      }),
      requestId: t.exposeString('requestId', {
        description: 'The request id, as every log line of the request carries it.',
      }),
      userId: t.exposeString('userId', { description: 'Who: the user’s id at the identity provider.' }),
      role: t.exposeString('role', { description: 'The role the user acted in.' }),
      minorIds: t.exposeIDList('minorIds', { description: 'The family’s minors whose data it touched.' }),
      fields: t.exposeStringList('fields', {
        description: 'The fields read, or the input fields a write set.',
      }),
      changes: t.string({
        nullable: true,
        description: 'For a write: what it changed (its input and the record written), as JSON.',
        resolve: (entry) => (entry.changes == null ? null : JSON.stringify(entry.changes)),
      }),
    }),
  });
  const FamilyAudit = builder.objectRef<{ familyId: string }>('FamilyAudit');
  builder.asEntity(FamilyAudit, {
    key: builder.selection<{ familyId: string }>('familyId'),
    resolveReference: (reference) => reference,
  });
  FamilyAudit.implement({
    description: 'Who viewed or changed a family’s personal data, and when, in each service that holds it.',
    fields: (t) => ({
      familyId: t.exposeID('familyId', { description: 'The family.' }),
      [service]: t.field({
        type: [Entry],
        description: `The ${service} service's records about the family, newest first.`,
        args: {
          last: t.arg.int({
            required: false,
            description: 'At most this many, 100 by default, 1000 at most.',
          }),
        },
        resolve: async ({ familyId }, { last }, context) => {
          const district = await districtOf(familyId, context);
          if (district === null) return [];
          context.access.require(
            context.access.readsAuditOf(district),
            'the audit of a family outside your district',
          );
          await context.audit.flush();
          return auditRecordsOf(db(context), familyId, Math.min(Math.max(last ?? 100, 1), 1000));
        },
      }),
    }),
  });
  return FamilyAudit;
}
