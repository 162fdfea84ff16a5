import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type PlanNode, prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { alignBranches } from './plan-alignment.ts';
import { supergraphPath } from './supergraph-path.ts';

const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'));
const planner = new QueryPlanner(supergraph);
const planOf = (query: string) =>
  planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query)));

/** The plan as steps: each step the subgraphs its fetches read at once. */
function steps(node: PlanNode | undefined): string[][] {
  if (!node) return [];
  if (node.kind === 'Sequence') return node.nodes.flatMap(steps);
  return [reads(node).sort()];
}

function reads(node: PlanNode): string[] {
  if (node.kind === 'Fetch') return [node.serviceName];
  if (node.kind === 'Flatten') return reads(node.node);
  if (node.kind === 'Parallel') return node.nodes.flatMap(reads);
  throw new Error(`a ${node.kind} node inside a step`);
}

const familyPage = `query FamilyPage($id: ID!, $asOf: Date!) {
  family(id: $id) {
    address
    currentCurator(asOf: $asOf) { fullName agency { name kind } }
    programmes { number measures { title agency { name } } }
  }
}`;

describe('aligning the branches of a query plan', () => {
  test('a family’s page reads the agencies subgraph in one step, after curation and programmes', () => {
    const plan = planOf(familyPage);
    expect(prettyFormatQueryPlan(plan).match(/service: "agencies"/g)).toHaveLength(2);
    alignBranches(plan);
    expect(steps(plan.node as PlanNode)).toEqual([
      ['registry'],
      ['curation', 'programmes'],
      ['agencies', 'agencies'],
    ]);
  });

  test('keeps the fetches, their paths and their operations', () => {
    const plan = planOf(familyPage);
    const before = prettyFormatQueryPlan(plan).split('\n');
    alignBranches(plan);
    const after = prettyFormatQueryPlan(plan).split('\n');
    const fetches = (lines: string[]) =>
      lines
        .map((line) => line.trim())
        .filter((line) => !/^(Sequence|Parallel|QueryPlan) \{$|^\},?$/.test(line))
        .sort();
    expect(fetches(after)).toEqual(fetches(before));
  });

  test('leaves branches alone when their later steps read different subgraphs', () => {
    const plan = planOf(`{ family(id: "f") {
      currentCurator(asOf: "2011-12-31") { agency { name } }
      programmes { curator { fullName } }
    } }`);
    const [, branches] = plan.node?.kind === 'Sequence' ? plan.node.nodes : [];
    expect(branches?.kind === 'Parallel' && branches.nodes.map((branch) => branch.kind)).toEqual([
      'Sequence',
      'Sequence',
    ]);
    const before = prettyFormatQueryPlan(plan);
    alignBranches(plan);
    expect(prettyFormatQueryPlan(plan)).toBe(before);
  });
});
