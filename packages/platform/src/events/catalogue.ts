import { z } from 'zod';
import { agencyKinds } from '../agency-kinds.ts';
import { calendarDate, isoDate } from '../dates.ts';

/**
 * Every domain event of the federation: who writes it, what its payload holds (keys and dates, never
 * names, addresses or free text) and its schema version. Producers validate a payload here before it
 * enters their outbox; consumers validate it again before they react, so an event that does not fit
 * its type becomes a dead event instead of a crash. `docs/events.md` describes each one.
 */

const day = z.iso.date().transform((text) => calendarDate(text));
const id = z.uuid();

/** Why a registration, or one minor's place in it, ended (the registry's `ClosingReason`). */
const closingReason = z.enum([
  'SITUATION_IMPROVED',
  'MOVED_AWAY',
  'CAME_OF_AGE',
  'CHILDREN_PLACED_IN_CARE',
  'OTHER',
]);

const registeredMinor = z.object({
  minorId: id,
  addedOn: day,
  /** The minor's 18th birthday: from that day they are no longer counted on the register. */
  comesOfAgeOn: day,
});

const agencyKind = z.enum(agencyKinds);

const resolution = z.object({ number: z.string().max(50), date: day });

export const eventCatalogue = {
  registry: {
    FamilyRegistered: {
      version: 1,
      payload: z.object({
        registrationId: id,
        districtCode: z.string(),
        openedOn: day,
        /** Set when the family had been on the register before: the same family record, a new episode. */
        previousRegistrationId: id.nullable(),
        minors: z.array(registeredMinor),
      }),
    },
    RegistrationClosed: {
      version: 1,
      payload: z.object({
        registrationId: id,
        districtCode: z.string(),
        closedOn: day,
        reason: closingReason,
        resolution,
      }),
    },
    MinorAddedToRegistration: {
      version: 1,
      payload: registeredMinor.extend({ registrationId: id, districtCode: z.string() }),
    },
    MinorLeftRegistration: {
      version: 1,
      payload: z.object({
        registrationId: id,
        districtCode: z.string(),
        minorId: id,
        leftOn: day,
        reason: closingReason,
      }),
    },
  },
  curation: {
    CuratorAssigned: {
      version: 1,
      payload: z.object({
        assignmentId: id,
        registrationId: id,
        curatorId: id,
        agencyId: id,
        districtCode: z.string(),
        startedOn: day,
      }),
    },
    CuratorReplaced: {
      version: 1,
      payload: z.object({
        endedAssignmentId: id,
        formerCuratorId: id,
        assignmentId: id,
        registrationId: id,
        curatorId: id,
        agencyId: id,
        districtCode: z.string(),
        replacedOn: day,
        reason: z.enum([
          'SOCIAL_PROTECTION_PETITION',
          'CURATOR_PETITION',
          'WARD_REQUEST',
          'PROBLEM_CHANGED',
          'STAFF_CHANGE',
        ]),
      }),
    },
    AssignmentEnded: {
      version: 1,
      payload: z.object({
        assignmentId: id,
        registrationId: id,
        curatorId: id,
        districtCode: z.string(),
        endedOn: day,
        endKind: z.enum(['WORK_COMPLETED', 'REGISTRATION_CLOSED']),
      }),
    },
  },
  agencies: {
    AgencyChanged: {
      version: 1,
      payload: z.object({
        agencyId: id,
        kind: agencyKind,
        districtCode: z.string(),
        /** The day the agency stopped working, or null while it works. */
        closedOn: day.nullable(),
        /** What changed: any of `kind`, `districtCode`, `closedOn`. */
        changed: z.array(z.enum(['kind', 'districtCode', 'closedOn'])).min(1),
      }),
    },
  },
  programmes: {},
} as const;

export type Producer = keyof typeof eventCatalogue;
export const producers = Object.keys(eventCatalogue) as Producer[];

type Catalogue = typeof eventCatalogue;
export type EventType<P extends Producer = Producer> = Extract<keyof Catalogue[P], string>;
type Definition<P extends Producer, T extends EventType<P>> = Catalogue[P][T] extends {
  payload: infer S extends z.ZodType;
}
  ? S
  : never;
export type PayloadOf<P extends Producer, T extends EventType<P>> = z.output<Definition<P, T>>;
export type PayloadInput<P extends Producer, T extends EventType<P>> = z.input<Definition<P, T>>;

/**
 * The envelope every event travels in. `position` orders a producer's events: its sequence number,
 * drawn in the order the outbox's writers commit (`publish`), so that a reader that follows it misses
 * no event committed later.
 */
export interface EventEnvelope<Payload = unknown> {
  id: string;
  producer: Producer;
  type: string;
  version: number;
  position: string;
  /** The day the change takes effect (a closing's date, say), not when it was recorded. */
  effectiveOn: Date;
  occurredAt: Date;
  familyId: string | null;
  agencyId: string | null;
  districtCode: string;
  requestId: string | null;
  userId: string | null;
  payload: Payload;
}

export type DomainEvent<P extends Producer, T extends EventType<P>> = EventEnvelope<PayloadOf<P, T>> & {
  producer: P;
  type: T;
};

/** Why an event cannot be applied: it is not in the catalogue, or does not fit its type's schema. */
export class MalformedEvent extends Error {}

/** Checks an event read from a producer against the catalogue, returning its payload parsed. */
export function parseEvent<P extends Producer, T extends EventType<P>>(
  event: EventEnvelope,
  producer: P,
  type: T,
): DomainEvent<P, T> {
  const definition = definitionOf(producer, type);
  if (!definition) throw new MalformedEvent(`${producer} writes no event ${type}`);
  if (event.version !== definition.version) {
    throw new MalformedEvent(
      `${type} version ${event.version} is not known (expected ${definition.version})`,
    );
  }
  const parsed = definition.payload.safeParse(event.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedEvent(`${type}.payload.${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { ...event, producer, type, payload: parsed.data } as DomainEvent<P, T>;
}

/** Whether a type is one the producer writes. */
export function isKnownType(producer: Producer, type: string): boolean {
  return Object.hasOwn(eventCatalogue[producer], type);
}

/** A payload as it is stored: dates as `YYYY-MM-DD`. */
export function storedPayload(value: unknown): unknown {
  if (value instanceof Date) return isoDate(value);
  if (Array.isArray(value)) return value.map(storedPayload);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, storedPayload(item)]));
  }
  return value;
}

/** A type's schema version and payload schema, as the catalogue defines them; undefined for a type it lacks. */
export function definitionOf(
  producer: Producer,
  type: string,
): { version: number; payload: z.ZodType } | undefined {
  return (eventCatalogue[producer] as Record<string, { version: number; payload: z.ZodType }>)[type];
}
