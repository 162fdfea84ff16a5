import fc from 'fast-check';
import {
  type GraphQLInputType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import type { Input, Path } from './catalogue.ts';

/**
 * Malformed inputs, each made from a valid one by exactly one change that no rule of the API lets
 * through: a wrong type, a missing required field or an extra one, an impossible or out-of-order
 * date, a huge or empty string, an unknown reference, an injection attempt. So every one must be
 * refused as bad input, whatever else the input holds.
 */
export interface Malformation {
  kind: string;
  path: Path;
  /** `undefined` removes the field. */
  value: unknown;
}

const injections = [
  "' OR '1'='1",
  `'; DROP TABLE "Family"; --`,
  `1); DELETE FROM "Agency" WHERE (1=1`,
  '" OR ""="',
  '{"$ne": null}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '$' + '{jndi:ldap://127.0.0.1/a}',
  '%00',
  'a\u0000b',
  '\u0000',
];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Strings whose characters are all allowed but that say nothing, say too much, or hide a NUL. */
const badText = fc.oneof(
  fc.constantFrom('', ' ', '\t\n  '),
  fc.integer({ min: 5001, max: 60_000 }).map((length) => 'я'.repeat(length)),
  fc.string({ minLength: 1, maxLength: 20 }).map((text) => `${text}\u0000${text}`),
);

const notAnObject = fc.oneof(fc.integer(), fc.constant('text'), fc.constant([]), fc.boolean());

function wrongTypes(scalar: string): fc.Arbitrary<unknown> {
  const options: Record<string, fc.Arbitrary<unknown>> = {
    ID: fc.oneof(
      fc.boolean(),
      fc.double({ noInteger: true, noNaN: true }),
      fc.constant({}),
      fc.constant([{}]),
    ),
    String: fc.oneof(fc.integer(), fc.boolean(), fc.constant({ text: 'x' }), fc.constant([1])),
    Int: fc.oneof(
      fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: 1, max: 50 }).map(String),
      fc.boolean(),
      fc.constant({}),
    ),
    Float: fc.oneof(fc.constant('1'), fc.boolean(), fc.constant({}), fc.constant([true])),
    Boolean: fc.oneof(
      fc.constantFrom('true', 'false', 'yes'),
      fc.integer({ min: 0, max: 1 }),
      fc.constant({}),
    ),
    Date: fc.oneof(
      fc.constantFrom(
        '2011-02-29',
        '2011-02-30',
        '2011-06-31',
        '2011-13-01',
        '2011-00-10',
        '2011-12-32',
        '0000-00-00',
        '31.12.2011',
        '2011/12/31',
        '2011-1-1',
        '',
        'today',
      ),
      fc.integer({ min: 0, max: 2 ** 40 }),
      fc.boolean(),
      fc.constant({}),
    ),
  };
  const arbitrary = options[scalar];
  if (!arbitrary) throw new Error(`no wrong values for the scalar ${scalar}`);
  return arbitrary;
}

/** Values of a scalar that have the right type but break every rule the API has for that field. */
function outOfRange(scalar: string, field: string): fc.Arbitrary<unknown> | null {
  switch (scalar) {
    case 'ID':
      return fc.oneof(
        fc.uuid(),
        fc.constantFrom(...injections),
        fc.string({ maxLength: 40 }).filter((text) => !uuidPattern.test(text)),
      );
    case 'String':
      return field === 'districtCode'
        ? fc.oneof(
            badText,
            fc.constantFrom(...injections),
            fc.stringMatching(/^[a-z]{1,20}$/).map((s) => `zz-${s}`),
          )
        : badText;
    case 'Int':
      return fc.integer({ min: -1_000_000, max: -1 });
    case 'Float':
      return fc.oneof(
        fc.double({ max: -0.01, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: 101, max: 1e9, noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0.1, 0.3, 1.13),
      );
    default:
      return null;
  }
}

interface Site {
  path: Path;
  type: GraphQLInputType;
}

/** Every place in an input where a malformation can go: its fields (present or not), their items, and the input itself. */
function sitesOf(value: unknown, type: GraphQLInputType, path: Path = []): Site[] {
  const here: Site = { path, type };
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    return [here, ...value.flatMap((item, index) => sitesOf(item, nullable.ofType, [...path, index]))];
  }
  if (isInputObjectType(nullable) && value !== null && typeof value === 'object') {
    return [
      here,
      ...Object.values(nullable.getFields()).flatMap((field) =>
        sitesOf((value as Input)[field.name], field.type, [...path, field.name]),
      ),
    ];
  }
  return [here];
}

function malformationsAt(site: Site, value: unknown): fc.Arbitrary<Malformation> {
  const { path, type } = site;
  const nullable = getNullableType(type);
  const field = String(path.at(-1) ?? 'input');
  const at = (kind: string, arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((wrong): Malformation => ({ kind, path, value: wrong }));
  const options: fc.Arbitrary<Malformation>[] = [];
  if (isNonNullType(type)) {
    options.push(at('null where a value is required', fc.constant(null)));
    if (value !== undefined && path.length > 0 && typeof path.at(-1) === 'string') {
      options.push(fc.constant({ kind: 'missing required field', path, value: undefined }));
    }
  }
  if (isInputObjectType(nullable)) {
    const known = new Set(Object.keys(nullable.getFields()));
    options.push(at('not an object', notAnObject));
    if (value !== null && typeof value === 'object') {
      options.push(
        fc
          .tuple(
            fc
              .constantFrom('extra', 'isAdmin', 'deletedAt', '$where', 'version2')
              .filter((name) => !known.has(name)),
            fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constant(null)),
          )
          .map(
            ([name, extra]): Malformation => ({
              kind: 'extra field',
              path,
              value: { ...(value as Input), [name]: extra },
            }),
          ),
      );
    }
  } else if (isListType(nullable)) {
    options.push(at('not a list', fc.oneof(fc.integer(), fc.constant({ not: 'a list' }))));
    if (isNonNullType(nullable.ofType)) options.push(at('null item', fc.constant([null])));
  } else if (isEnumType(nullable)) {
    const values = nullable.getValues().map((entry) => entry.name);
    options.push(
      at(
        'unknown enum value',
        fc.oneof(
          fc.constantFrom(...values.map((name) => name.toLowerCase())),
          fc.stringMatching(/^[A-Z_]{1,30}$/).filter((name) => !values.includes(name)),
          fc.constantFrom(...injections),
          fc.integer(),
        ),
      ),
    );
  } else {
    options.push(at(`wrong type for ${nullable.name}`, wrongTypes(nullable.name)));
    const range = outOfRange(nullable.name, field);
    if (range) options.push(at(`bad ${nullable.name}`, range));
  }
  return fc.oneof(...options);
}

/** One malformation of a valid input of the given GraphQL type, with the dates known to break its rules. */
export function malformedInputs(
  valid: Input,
  type: GraphQLInputType,
  datesOutOfOrder: Array<[Path, string]> = [],
): fc.Arbitrary<{ malformation: Malformation; input: unknown }> {
  const sites = sitesOf(valid, type);
  const wholeInput: fc.Arbitrary<Malformation> = fc.constant({
    kind: 'no input at all',
    path: [],
    value: undefined,
  });
  const dates = datesOutOfOrder.map(
    ([path, date]): fc.Arbitrary<Malformation> =>
      fc.constant({ kind: 'date out of order', path, value: date }),
  );
  const malformation = fc.oneof(
    { weight: 1, arbitrary: wholeInput },
    ...(dates.length > 0 ? [{ weight: 3 * dates.length, arbitrary: fc.oneof(...dates) }] : []),
    ...sites.map((site) => ({ weight: 4, arbitrary: malformationsAt(site, valueAt(valid, site.path)) })),
  );
  return malformation.map((change) => ({ malformation: change, input: withChange(valid, change) }));
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
    value,
  );
}

/** A deep copy of `valid` with one change applied at its path (removal when the value is `undefined`). */
function withChange(valid: Input, { path, value }: Malformation): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(valid);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1) as string | number;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return copy;
}

/** Client request ids that must be refused: empty, too long, with spaces or control characters, or not an id at all. */
export const badClientRequestIds: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'retry 1', 'id\u0000', 'ключ-1'),
  fc.integer({ min: 201, max: 5000 }).map((length) => 'k'.repeat(length)),
  fc.constant({ id: 'x' }),
  fc.boolean(),
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
);
