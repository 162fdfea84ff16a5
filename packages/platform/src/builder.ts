import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateResolver } from 'graphql-scalars';
import AccessPlugin from './access/plugin.ts';
import ClientRequestsPlugin from './client-requests.ts';
import type { SubgraphContext } from './context.ts';
import { invalidInput } from './input.ts';

export interface SubgraphTypes<Context extends SubgraphContext> {
  Context: Context;
  Scalars: {
    Date: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount: () => Promise<number> };
}

/**
 * The Pothos builder every subgraph starts from: federation, relay connections (cursor pagination),
 * the `Date` scalar, idempotent mutations (`clientRequestId`), the access policy (personal-data
 * fields, suppressed figures, audited writes) and inputs validated where they are declared (a field's
 * or an input type's `validate`), with non-null fields and required inputs unless a field says
 * otherwise.
 */
export function createSubgraphBuilder<Context extends SubgraphContext>({ mutations = true } = {}) {
  const builder = new SchemaBuilder<SubgraphTypes<Context>>({
    // Validation last: it runs next to the resolver, after the access policy and a request's replay.
    plugins: [
      DirectivesPlugin,
      FederationPlugin,
      RelayPlugin,
      ClientRequestsPlugin,
      AccessPlugin,
      ValidationPlugin,
    ],
    validation: { validationError: invalidInput },
    defaultFieldNullability: false,
    defaultInputFieldRequiredness: true,
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodeQueryOptions: false,
      nodesQueryOptions: false,
      pageInfoTypeOptions: {
        shareable: true,
        description: 'Where a page of a connection stands in the whole list.',
      },
      edgesFieldOptions: { nullable: false, description: 'The page, each item with its cursor.' },
      nodeFieldOptions: { nullable: false, description: 'The item.' },
      cursorFieldOptions: { description: 'Where this item stands: pass it as `after` or `before`.' },
      pageInfoFieldOptions: { description: 'Where this page stands in the whole list.' },
      hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
      hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
      startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
      endCursorFieldOptions: { description: 'Cursor of the last item of the page.' },
      firstArgOptions: { description: 'Items from the start: at most 100, 20 by default.' },
      afterArgOptions: { description: 'Only items after this cursor.' },
      lastArgOptions: { description: 'Items from the end: at most 100.' },
      beforeArgOptions: { description: 'Only items before this cursor.' },
      defaultConnectionTypeOptions: { description: 'A page of a list, with where it stands.' },
      defaultEdgeTypeOptions: { description: 'An item of a list with its cursor.' },
    },
  });
  builder.addScalarType('Date', DateResolver, {
    description: 'A calendar date, `YYYY-MM-DD` (RFC 3339 full-date); no time, no time zone.',
  });
  builder.globalConnectionField('totalCount', (t) =>
    t.int({
      description: 'How many items the whole list holds, across all pages.',
      resolve: (connection) => connection.totalCount(),
    }),
  );
  builder.queryType({ description: 'Read operations.' });
  if (mutations) builder.mutationType({ description: 'Write operations; each is one transaction.' });
  return builder;
}
