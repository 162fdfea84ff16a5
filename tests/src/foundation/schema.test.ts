import { readFileSync } from 'node:fs';
import { subgraphServices } from '@kdn/composition/subgraphs';
import { supergraphPath } from '@kdn/gateway/supergraph-path';
import {
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  Kind,
  parse,
  type TypeDefinitionNode,
} from 'graphql';
import { describe, expect, test } from 'vitest';

const document = parse(readFileSync(supergraphPath, 'utf8'));
const internal = /^(join__|link__|_|__)/;
const types = document.definitions.filter(
  (definition): definition is TypeDefinitionNode =>
    'name' in definition &&
    definition.kind !== Kind.DIRECTIVE_DEFINITION &&
    !internal.test(definition.name?.value ?? ''),
);
const scalarsOfGraphQL = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

function undescribed(): string[] {
  const missing: string[] = [];
  for (const type of types) {
    const name = type.name.value;
    if (scalarsOfGraphQL.has(name)) continue;
    if (!type.description) missing.push(name);
    const fields = 'fields' in type ? (type.fields ?? []) : [];
    for (const field of fields) {
      if (!field.description) missing.push(`${name}.${field.name.value}`);
      for (const argument of 'arguments' in field ? (field.arguments ?? []) : []) {
        if (!argument.description) missing.push(`${name}.${field.name.value}(${argument.name.value})`);
      }
    }
    for (const value of 'values' in type ? (type.values ?? []) : []) {
      if (!value.description) missing.push(`${name}.${value.name.value}`);
    }
  }
  return missing;
}

function joinArgument(directive: ConstDirectiveNode, name: string) {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value && 'value' in value ? value.value : undefined;
}

/** The subgraphs that own a type (define it), as opposed to those that only extend it. */
function owningGraphs(type: TypeDefinitionNode): string[] {
  return (type.directives ?? [])
    .filter((d) => d.name.value === 'join__type' && joinArgument(d, 'extension') !== true)
    .map((d) => String(joinArgument(d, 'graph')));
}

function contributingGraphs(field: { directives?: readonly ConstDirectiveNode[] }): string[] {
  return (field.directives ?? [])
    .filter((d) => d.name.value === 'join__field')
    .map((d) => String(joinArgument(d, 'graph')));
}

describe('the supergraph, the integrators’ reference', () => {
  test('describes every type, field, argument and enum value', () => {
    expect(undescribed()).toEqual([]);
  });

  test('keeps every query and every field one subgraph adds to another’s entity nullable, so a fault blanks only those', () => {
    const violations: string[] = [];
    for (const type of types) {
      if (type.kind !== Kind.OBJECT_TYPE_DEFINITION || type.name.value === 'Mutation') continue;
      const owners = owningGraphs(type);
      for (const field of type.fields ?? []) {
        const graphs = contributingGraphs(field);
        const addedByAnother = graphs.length > 0 && graphs.every((graph) => !owners.includes(graph));
        const isQuery = type.name.value === 'Query';
        if ((isQuery || addedByAnother) && field.type.kind === Kind.NON_NULL_TYPE) {
          violations.push(`${type.name.value}.${field.name.value}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});

/**
 * Every field of every subgraph's own object types, with the subgraph that defines it. Types are
 * told apart by their tag, not `instanceof`: the services' schemas may come from graphql's CommonJS
 * build and this file's `graphql` from its ES module build.
 */
function subgraphFields(): Array<{ subgraph: string; name: string; field: GraphQLField<unknown, unknown> }> {
  return subgraphServices.flatMap((service) =>
    Object.values(service.schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => type[Symbol.toStringTag] === 'GraphQLObjectType')
      .filter((type) => !internal.test(type.name))
      .flatMap((type) =>
        Object.values(type.getFields()).map((field) => ({
          subgraph: service.name,
          name: `${type.name}.${field.name}`,
          field,
        })),
      ),
  );
}

/**
 * The registry's fields that hold minors' and families' personal data: names, birth dates,
 * addresses and social passports (clause 3.1 of the curator regulation; docs/access.md).
 */
const knownPersonalData = [
  'Family.address',
  'Family.socialPassport',
  'Minor.lastName',
  'Minor.firstName',
  'Minor.patronymic',
  'Minor.fullName',
  'Minor.birthDate',
  'SocialPassport.housing',
  'SocialPassport.monthlyIncome',
  'SocialPassport.riskFactors',
  'SocialPassport.notes',
];

describe('personal data, marked in the schema (docs/access.md)', () => {
  test('every field marked as personal data says so in its description', () => {
    const marked = subgraphFields().filter(({ field }) => field.extensions.personalData);
    expect(marked.length).toBeGreaterThan(0);
    const silent = marked
      .filter(({ field }) => !/personal data/i.test(field.description ?? ''))
      .map(({ subgraph, name }) => `${subgraph}: ${name}`);
    expect(silent).toEqual([]);
  });

  test('marks minimal or full access, nothing else', () => {
    const odd = subgraphFields()
      .filter(({ field }) => field.extensions.personalData !== undefined)
      .filter(({ field }) => !['minimal', 'full'].includes(String(field.extensions.personalData)))
      .map(({ subgraph, name }) => `${subgraph}: ${name}`);
    expect(odd).toEqual([]);
  });

  test('the registry marks the names, birth dates, addresses and social passports it holds', () => {
    const registry = new Map(
      subgraphFields()
        .filter(({ subgraph }) => subgraph === 'registry')
        .map(({ name, field }) => [name, field.extensions.personalData]),
    );
    const unmarked = knownPersonalData.filter((name) => !registry.get(name));
    expect(unmarked).toEqual([]);
  });

  test('the directory (agencies) holds no personal data', () => {
    const marked = subgraphFields()
      .filter(({ subgraph, field }) => subgraph === 'agencies' && field.extensions.personalData)
      .map(({ name }) => name);
    expect(marked).toEqual([]);
  });
});
