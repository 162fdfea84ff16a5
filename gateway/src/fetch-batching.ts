import type { FetcherRequestInit } from '@apollo/utils.fetcher';
import {
  type DefinitionNode,
  type FieldNode,
  Kind,
  OperationTypeNode,
  parse,
  print,
  type SelectionNode,
  visit,
} from 'graphql';
import type { Answer } from './subgraph-answer.ts';

type Send = (url: string, init?: FetcherRequestInit) => Promise<Answer>;

interface Read {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

interface Part {
  init: FetcherRequestInit;
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

/**
 * Reads of one subgraph that one incoming request starts in the same tick (`alignBranches` lines
 * them up) go as one request: their operations merged into one, and its answer split back. Only
 * the reads of one request (its id and token) go together, so that each subgraph audits a
 * request's reads as that request's.
 */
export function batchSameRequestReads(send: Send): Send {
  const gathering = new Map<string, Part[]>();
  return (url, init) => {
    const key = init && sameRequestKey(url, init);
    if (!init || key === undefined) return send(url, init);
    return new Promise<Answer>((resolve, reject) => {
      const parts = gathering.get(key);
      if (parts) return void parts.push({ init, resolve, reject });
      const first = [{ init, resolve, reject }];
      gathering.set(key, first);
      setImmediate(() => {
        gathering.delete(key);
        sendTogether(send, url, first);
      });
    });
  };
}

function sameRequestKey(url: string, init: FetcherRequestInit): string | undefined {
  const headers = (init.headers ?? {}) as Record<string, string | undefined>;
  const requestId = headers['x-request-id'];
  if (typeof init.body !== 'string' || !init.body.startsWith('{"query":"query') || !requestId)
    return undefined;
  return `${url}\n${requestId}\n${headers.authorization ?? ''}`;
}

function sendTogether(send: Send, url: string, parts: Part[]): void {
  // Most reads go alone: only a batch of several is parsed.
  const reads = parts.length > 1 ? parts.map((part) => JSON.parse(part.init.body as string) as Read) : [];
  const merged = reads.length > 1 ? mergedOperation(reads.map((read) => read.query)) : undefined;
  if (!merged) {
    for (const part of parts) send(url, part.init).then(part.resolve, part.reject);
    return;
  }
  const variables = Object.fromEntries(
    reads.flatMap((read, index) =>
      Object.entries(read.variables ?? {}).map(([name, value]) => [prefix(index) + name, value]),
    ),
  );
  const body = JSON.stringify({ query: merged.query, variables, operationName: merged.name });
  const init = { ...(parts[0] as Part).init, body };
  send(url, init).then(
    (answer) => {
      for (const [index, own] of splitAnswer(answer, merged).entries()) parts[index]?.resolve(own);
    },
    (error: unknown) => {
      for (const part of parts) part.reject(error);
    },
  );
}

const prefix = (index: number) => `_${index}_`;

export interface MergedOperation {
  name: string;
  query: string;
  /** Each part's root response keys, as it asked for them; the merged operation prefixes them. */
  keys: string[][];
}

const merged = new Map<string, MergedOperation | null>();

/**
 * One query from several: each part's variables, fragments and root fields (by response key)
 * prefixed with `_<part>_`. None when a part is not one query whose root selections are fields.
 * The planner's operations are few and fixed, so each merge is made once.
 */
export function mergedOperation(queries: string[]): MergedOperation | undefined {
  const cacheKey = queries.join('\n');
  let operation = merged.get(cacheKey);
  if (operation === undefined) {
    if (merged.size >= 1000) merged.clear();
    operation = merge(queries);
    merged.set(cacheKey, operation);
  }
  return operation ?? undefined;
}

function merge(queries: string[]): MergedOperation | null {
  const names: string[] = [];
  const keys: string[][] = [];
  const variables = [];
  const selections: FieldNode[] = [];
  const fragments: DefinitionNode[] = [];
  for (const [index, query] of queries.entries()) {
    const rename = <T extends { name: { value: string } }>(node: T): T => ({
      ...node,
      name: { ...node.name, value: prefix(index) + node.name.value },
    });
    const document = visit(parse(query), {
      Variable: rename,
      FragmentSpread: rename,
      FragmentDefinition: rename,
    });
    const [operation, ...others] = document.definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation || others.length > 0 || operation.operation !== OperationTypeNode.QUERY) return null;
    if (operation.directives?.length || !operation.selectionSet.selections.every(isField)) return null;
    const fields = operation.selectionSet.selections;
    names.push(operation.name?.value ?? `part${index}`);
    keys.push(fields.map(responseKey));
    variables.push(...(operation.variableDefinitions ?? []));
    selections.push(
      ...fields.map((field) => ({
        ...field,
        alias: { kind: Kind.NAME, value: prefix(index) + responseKey(field) } as const,
      })),
    );
    fragments.push(...document.definitions.filter((definition) => definition !== operation));
  }
  const name = names.join('__');
  const query = print({
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: { kind: Kind.NAME, value: name },
        variableDefinitions: variables,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  });
  return { name, query, keys };
}

const isField = (selection: SelectionNode): selection is FieldNode => selection.kind === Kind.FIELD;
const responseKey = (field: FieldNode) => (field.alias ?? field.name).value;

interface Result {
  data?: Record<string, unknown> | null;
  errors?: Array<{ path?: Array<string | number> }>;
  extensions?: unknown;
}

/**
 * Each part's answer: its own root fields under their own keys, the errors on its fields with
 * their paths as it asked, and errors on no part's field (the request's) in every part's answer.
 */
export function splitAnswer(answer: Answer, operation: MergedOperation): Answer[] {
  const result = answer.status === 200 ? parsed(answer.body) : undefined;
  if (!result) return operation.keys.map(() => answer);
  const { 'content-length': _length, ...headers } = answer.headers;
  return operation.keys.map((keys, index) => {
    const own = prefix(index);
    const data = result.data && Object.fromEntries(keys.map((key) => [key, result.data?.[own + key]]));
    const errors = result.errors?.flatMap((error) => {
      const [head, ...rest] = error.path ?? [];
      if (typeof head !== 'string' || !/^_\d+_/.test(head)) return [error];
      return head.startsWith(own) ? [{ ...error, path: [head.slice(own.length), ...rest] }] : [];
    });
    const part = {
      data,
      ...(errors?.length ? { errors } : {}),
      ...(result.extensions ? { extensions: result.extensions } : {}),
    };
    return { ...answer, headers, body: JSON.stringify(part) };
  });
}

function parsed(body: string): Result | undefined {
  try {
    const result = JSON.parse(body) as unknown;
    return typeof result === 'object' && result !== null ? (result as Result) : undefined;
  } catch {
    return undefined;
  }
}
