import type { PlanNode, QueryPlan } from '@apollo/query-planner';

/**
 * Apollo's query planner runs the independent branches of a plan side by side, each at its own
 * pace, so two branches whose later steps read the same subgraph fetch it twice: a family's page
 * asks the agencies subgraph for the measures' agencies after programmes answers, and again for
 * the curator's agency after curation answers. Such branches are run step by step instead, the
 * first steps of all together, then the second steps, and so on, so that the steps reading the
 * same subgraph start in the same tick and `batchSameRequestReads` sends them as one request.
 * Hive Gateway's planner does the same. Branches whose later steps share no subgraph keep their
 * own pace.
 */
export function alignBranches(plan: QueryPlan): void {
  if (aligned.has(plan)) return;
  aligned.add(plan);
  if (plan.node && plan.node.kind !== 'Subscription') plan.node = align(plan.node);
}

// The gateway caches its plans and hands each request the cached one.
const aligned = new WeakSet<QueryPlan>();

function align(node: PlanNode): PlanNode {
  switch (node.kind) {
    case 'Sequence':
      return sequence(node.nodes.map(align));
    case 'Parallel':
      return alignParallel(node.nodes.map(align));
    case 'Flatten':
      return { ...node, node: align(node.node) };
    case 'Condition':
      return {
        ...node,
        ...(node.ifClause ? { ifClause: align(node.ifClause) } : {}),
        ...(node.elseClause ? { elseClause: align(node.elseClause) } : {}),
      };
    default:
      return node;
  }
}

function alignParallel(branches: PlanNode[]): PlanNode {
  const steps = branches.map((branch) => (branch.kind === 'Sequence' ? branch.nodes : [branch]));
  const depth = Math.max(...steps.map((each) => each.length));
  const levels = Array.from({ length: depth }, (_, index) =>
    steps.flatMap((each) => (index < each.length ? [each[index] as PlanNode] : [])),
  );
  if (!levels.some((level, index) => index > 0 && readsOneSubgraphTwice(level))) return parallel(branches);
  return sequence(levels.map(parallel));
}

function readsOneSubgraphTwice(level: PlanNode[]): boolean {
  const subgraphs = level.flatMap(subgraphsRead);
  return new Set(subgraphs).size < subgraphs.length;
}

/** The subgraphs a step reads at once: its fetches that start together. */
function subgraphsRead(node: PlanNode): string[] {
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Flatten':
      return subgraphsRead(node.node);
    case 'Parallel':
      return node.nodes.flatMap(subgraphsRead);
    default:
      return [];
  }
}

function sequence(nodes: PlanNode[]): PlanNode {
  const flat = nodes.flatMap((node) => (node.kind === 'Sequence' ? node.nodes : [node]));
  return flat.length === 1 ? (flat[0] as PlanNode) : { kind: 'Sequence', nodes: flat };
}

function parallel(nodes: PlanNode[]): PlanNode {
  const flat = nodes.flatMap((node) => (node.kind === 'Parallel' ? node.nodes : [node]));
  return flat.length === 1 ? (flat[0] as PlanNode) : { kind: 'Parallel', nodes: flat };
}
