import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import { today } from './dates.ts';
import { badInput } from './errors.ts';

/**
 * The one mapping of a failed validation (a field's or an input type's `validate`) to the API's error:
 * the first problem found, as `BAD_USER_INPUT` naming the field by its path in the arguments
 * (`input.minors[1].birthDate`).
 */
export function invalidInput({ issues }: StandardSchemaV1.FailureResult): GraphQLError {
  const [issue] = issues;
  if (!issue) return badInput('input', 'is invalid');
  const [root = 'input', ...path] = (issue.path ?? []).map((segment) =>
    typeof segment === 'object' ? segment.key : segment,
  );
  return badInput(fieldPath(String(root), path), issue.message);
}

function fieldPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    root,
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds control characters on purpose
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Building blocks of the services' input schemas. */
export const field = {
  /**
   * Free text that must say something: trimmed, not empty, bounded, and free of control characters
   * other than tabs and line breaks (PostgreSQL cannot store a NUL). `required` replaces the message
   * for a missing or empty text.
   */
  text: (max = 500, required?: string) =>
    z
      .string(required ? { error: required } : undefined)
      .trim()
      .min(1, required ?? 'must not be empty')
      .max(max, `must be at most ${max} characters`)
      .refine((text) => !controlCharacter.test(text), 'must not contain control characters'),
  /** A calendar date that has already happened (or is today). */
  pastDate: () => z.date().refine((date) => date <= today(), 'must not be in the future'),
  /** The version the client last read, for optimistic concurrency. */
  version: () => z.number().int().positive('must be the version last read'),
  id: () => z.uuid('must be an identifier returned by the API'),
};

/**
 * A rule across an input's fields, for an input type's `validate`: it checks the input and passes it
 * on unchanged; `field` names the field the error points at.
 */
export function inputRule<Input>(field: string, message: string, check: (input: Input) => boolean) {
  return z.custom<Input>().refine(check, { path: [field], message });
}

const uuid = z.uuid();

/** Ids are UUIDs: anything else cannot name a record, so lookups answer null without asking the database. */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}

/** A period of days, both ends included. */
export interface Period {
  from: Date;
  to: Date;
}

/** The period a figure's `from` and `to` arguments name; one that ends before it starts is bad input. */
export function period(from: Date, to: Date): Period {
  if (from > to) throw badInput('from', 'must not be after `to`');
  return { from, to };
}
