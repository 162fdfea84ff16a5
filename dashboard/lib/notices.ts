import type { GraphQLError } from './gateway.ts';
import { ui } from './labels.ts';

/**
 * What to tell the reader about the errors of a partial answer: which data is missing because a
 * subgraph is down, that the user's role may not see a part, or the error itself when it is anything else.
 */
export function describeErrors(errors: GraphQLError[]): string[] {
  const notices = errors.map(({ message, extensions }) => {
    if (extensions?.code === 'FORBIDDEN') return ui.noAccess.data;
    return extensions?.code === 'SERVICE_UNAVAILABLE' && extensions.service
      ? ui.missingData(extensions.service)
      : message;
  });
  return [...new Set(notices)];
}
