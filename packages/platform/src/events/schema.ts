import { JSONResolver } from 'graphql-scalars';
import type { createSubgraphBuilder } from '../builder.ts';
import type { SubgraphContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { isUuid } from '../input.ts';
import type { SqlClient } from '../sql-client.ts';
import { inBackground } from './background.ts';
import { type EventEnvelope, eventCatalogue, type Producer } from './catalogue.ts';
import { feedField } from './feed-client.ts';
import { parsePosition, startPosition, waitForEvents } from './outbox.ts';

type SubgraphBuilder<Context extends SubgraphContext> = ReturnType<typeof createSubgraphBuilder<Context>>;

interface EventsSchemaOptions<Context extends SubgraphContext> {
  service: Producer;
  db: (context: Context) => SqlClient;
  /** Whether the service subscribes to any producer's events (`SubgraphService.subscriptions`). */
  consumes?: boolean;
}

/** How long a request for events may wait for the first one: under the gateway's subgraph timeout. */
const longestWaitSeconds = 4;

interface DeadEventRow {
  id: string;
  producer: string;
  type: string;
  familyId: string | null;
  event: EventEnvelope;
  error: string;
  attempts: number;
  failedAt: Date;
  replayedAt: Date | null;
}

interface CursorRow {
  producer: string;
  position: string;
  movedAt: Date;
}

/**
 * The events surface of a subgraph. A producer serves its outbox as `<service>Events`, read with a
 * cursor by its consumers and by integrators with the scope `events:read`. A consumer lists its
 * dead events and cursors for administrators and replays a dead event after a fix.
 */
export function addDomainEvents<Context extends SubgraphContext>(
  builder: SubgraphBuilder<Context>,
  { service, db, consumes = false }: EventsSchemaOptions<Context>,
) {
  // Any JSON, not only an object: a payload that does not fit its type (written past `publish`) must
  // still reach its consumers, to be set aside as a dead event, instead of failing the producer's
  // whole page and stalling every event after it.
  builder.addScalarType('JSON', JSONResolver, {
    description:
      'A JSON value: an event’s payload of keys and dates (an object, for an event that fits its type).',
  });
  const Event = builder.objectRef<EventEnvelope>('DomainEvent').implement({
    description:
      'A change one service made that others depend on, as its producer wrote it in the same transaction ' +
      '(docs/events.md lists every type and its payload). Keys and dates only, no personal data.',
    shareable: true,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The event’s identifier, unique across the federation.' }),
      type: t.exposeString('type', { description: 'What happened, e.g. `RegistrationClosed`.' }),
      version: t.exposeInt('version', { description: 'The version of the type’s payload schema.' }),
      position: t.exposeString('position', {
        description: 'Where the event stands in its producer’s order: pass it as `after` to read on.',
      }),
      effectiveOn: t.field({
        type: 'Date',
        description: 'The day the change takes effect (a closing’s date), not when it was recorded.',
        resolve: (event) => event.effectiveOn,
      }),
      occurredAt: t.string({
        description: 'When it was written, as an ISO 8601 timestamp in UTC.',
        resolve: (event) => event.occurredAt.toISOString(),
      }),
      familyId: t.exposeID('familyId', { nullable: true, description: 'The family it concerns.' }),
      agencyId: t.exposeID('agencyId', { nullable: true, description: 'The agency it concerns.' }),
      districtCode: t.exposeString('districtCode', { description: 'The district of the case or agency.' }),
      requestId: t.exposeString('requestId', {
        nullable: true,
        description: 'The request that caused it, as every log line of that request carries it.',
      }),
      userId: t.exposeString('userId', { nullable: true, description: 'Who caused it.' }),
      payload: t.field({
        type: 'JSON',
        description: 'The type’s payload: keys and dates, an object as `docs/events.md` describes it.',
        resolve: (event) => event.payload,
      }),
    }),
  });
  const Page = builder.objectRef<{ events: EventEnvelope[]; after: string }>('DomainEventPage').implement({
    description: 'Events in their producer’s order after a cursor.',
    shareable: true,
    fields: (t) => ({
      events: t.field({
        type: [Event],
        description: 'The events, oldest first.',
        resolve: (page) => page.events,
      }),
      endCursor: t.string({
        description:
          'Pass it as `after` to read the events that follow (the same cursor when there were none).',
        resolve: (page) => page.events.at(-1)?.position ?? page.after,
      }),
    }),
  });

  if (Object.keys(eventCatalogue[service]).length > 0) {
    builder.queryField(feedField(service), (t) =>
      t.field({
        type: Page,
        nullable: true,
        description:
          `The ${service} service’s events after a cursor, in the order they were written: for its consuming ` +
          'services and integrators with the scope `events:read` (an integrator bound to a district reads its ' +
          'district’s), and administrators. Each read of a family’s events is audited.',
        args: {
          after: t.arg.string({
            required: false,
            description: 'The `endCursor` (or an event’s `position`) read last; from the start when absent.',
          }),
          first: t.arg.int({
            required: false,
            description: 'At most this many: 100 by default, 1000 at most.',
          }),
          waitSeconds: t.arg.int({
            required: false,
            description: `When none has been written yet, wait up to this many seconds (0 to ${longestWaitSeconds}) for the first.`,
          }),
          familyIds: t.arg.idList({ required: false, description: 'Only the events of these families.' }),
        },
        resolve: async (_root, args, context) => {
          const districtCode = eventDistrict(context);
          const after = args.after ?? startPosition;
          if (parsePosition(after) === null) throw badInput('after', 'is not a cursor this API returned');
          const first = args.first ?? 100;
          if (first < 1 || first > 1000) throw badInput('first', 'must be from 1 to 1000');
          const waitSeconds = args.waitSeconds ?? 0;
          if (waitSeconds < 0 || waitSeconds > longestWaitSeconds) {
            throw badInput('waitSeconds', `must be from 0 to ${longestWaitSeconds}`);
          }
          const familyIds = args.familyIds ?? null;
          if (familyIds?.some((id) => !isUuid(id))) throw badInput('familyIds', 'must be family identifiers');
          const events = await inBackground(() =>
            waitForEvents(
              db(context),
              service,
              { after, limit: first, familyIds, districtCode },
              {
                waitMs: waitSeconds * 1000,
              },
            ),
          );
          for (const event of events) {
            if (event.familyId) context.audit.read({ familyId: event.familyId }, 'DomainEvent');
          }
          return { events, after };
        },
      }),
    );
  }

  const DeadEvent = builder.objectRef<DeadEventRow>(`${capitalised(service)}DeadEvent`).implement({
    description: `An event the ${service} service could not apply: kept with its error until replayed after a fix.`,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The event’s identifier.' }),
      producer: t.exposeString('producer', { description: 'The service that wrote it.' }),
      type: t.exposeString('type', { description: 'Its type.' }),
      familyId: t.exposeID('familyId', { nullable: true, description: 'The family it concerns.' }),
      event: t.field({
        type: Event,
        description: 'The event as it was read.',
        resolve: (row) => ({
          ...row.event,
          effectiveOn: new Date(row.event.effectiveOn ?? 0),
          occurredAt: new Date(row.event.occurredAt ?? 0),
        }),
      }),
      error: t.exposeString('error', { description: 'Why its reaction failed, the last time it was tried.' }),
      attempts: t.exposeInt('attempts', { description: 'How many times it was tried.' }),
      failedAt: t.string({
        description: 'When it last failed (ISO 8601, UTC).',
        resolve: (r) => r.failedAt.toISOString(),
      }),
      replayedAt: t.string({
        nullable: true,
        description: 'When a replay applied it; null while it waits.',
        resolve: (row) => row.replayedAt?.toISOString() ?? null,
      }),
    }),
  });
  const Cursor = builder.objectRef<CursorRow>(`${capitalised(service)}EventCursor`).implement({
    description: `How far the ${service} service has applied a producer’s events.`,
    fields: (t) => ({
      producer: t.exposeString('producer', { description: 'The producing service.' }),
      position: t.exposeString('position', {
        description: 'The position of the last event applied or passed.',
      }),
      movedAt: t.string({
        description: 'When it last moved (ISO 8601, UTC).',
        resolve: (r) => r.movedAt.toISOString(),
      }),
    }),
  });
  if (!consumes) return;

  builder.queryField(`${service}DeadEvents`, (t) =>
    t.field({
      type: [DeadEvent],
      nullable: true,
      description: `Events the ${service} service could not apply, newest first: administrators only.`,
      args: {
        waiting: t.arg.boolean({
          required: false,
          description: 'Only those not yet replayed (the default).',
        }),
      },
      resolve: async (_root, { waiting }, context) => {
        requireAdministrator(context);
        return await db(context).$queryRawUnsafe<DeadEventRow[]>(
          `SELECT id, producer, type, "familyId", event, error, attempts, "failedAt", "replayedAt"
             FROM "DeadEvent" WHERE ($1::boolean IS FALSE OR "replayedAt" IS NULL) ORDER BY "failedAt" DESC LIMIT 1000`,
          waiting ?? true,
        );
      },
    }),
  );
  builder.queryField(`${service}EventCursors`, (t) =>
    t.field({
      type: [Cursor],
      nullable: true,
      description: `How far the ${service} service has applied each producer’s events: administrators only.`,
      resolve: async (_root, _args, context) => {
        requireAdministrator(context);
        return await db(context).$queryRawUnsafe<CursorRow[]>(
          'SELECT producer, position, "movedAt" FROM "EventCursor" ORDER BY producer',
        );
      },
    }),
  );
  const Replay = builder
    .objectRef<{ replayed: boolean; error: string | null }>(`${capitalised(service)}Replay`)
    .implement({
      description: 'What a replay of a dead event did.',
      fields: (t) => ({
        replayed: t.exposeBoolean('replayed', { description: 'Whether its reaction applied this time.' }),
        error: t.exposeString('error', { nullable: true, description: 'Why not, when it did not.' }),
      }),
    });
  const ReplayInput = builder.inputType(`Replay${capitalised(service)}DeadEventInput`, {
    description: 'The dead event to apply again.',
    fields: (t) => ({ id: t.id({ description: 'The dead event’s identifier (its event’s id).' }) }),
  });
  builder.mutationField(`replay${capitalised(service)}DeadEvent`, (t) =>
    t.field({
      type: Replay,
      description:
        `Applies a dead event of the ${service} service again, after a fix: administrators only. ` +
        'Its reaction runs in one transaction; if it fails again, the event stays dead with the new error.',
      args: { input: t.arg({ type: ReplayInput, description: 'Which event.' }) },
      resolve: async (_root, { input }, context) => {
        requireAdministrator(context);
        if (!isUuid(input.id)) throw badInput('input.id', 'must be a dead event’s identifier');
        if (!context.events) throw new Error(`${service} has no event consumer`);
        return context.events.replayDead(input.id);
      },
    }),
  );
}

/** Events are read by administrators, and by integrators with `events:read` (bound to a district or not). */
function eventDistrict(context: SubgraphContext): string | null {
  const { principal } = context.access;
  const allowed =
    principal.role === 'ADMIN' || (principal.role === 'INTEGRATOR' && principal.scopes.has('events:read'));
  context.access.require(allowed, 'reading events needs the scope events:read');
  return principal.role === 'ADMIN' ? null : principal.districtCode;
}

function requireAdministrator(context: SubgraphContext) {
  context.access.require(context.access.principal.role === 'ADMIN', 'the events administration');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
