import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * What one request may ask of the gateway. Checked while the operation is validated, so an abusive
 * request is refused (BAD_USER_INPUT) before the gateway plans it and before any subgraph works on it.
 * The dashboard's largest operation stays well inside these (tests/src/security).
 */
export const requestLimits = {
  depth: 12,
  aliases: 20,
  directives: 20,
  tokens: 3000,
  cost: 20_000,
} as const;

/**
 * GraphQL Armor's plugins and validation rules for the limits above; it also blocks field suggestions.
 * Tokens are counted by GraphQL's own parser, which refuses with a parse error (HTTP 400); Armor's
 * token plugin fails the request as an internal one.
 */
export function requestLimitProtection() {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: requestLimits.depth },
    maxAliases: { n: requestLimits.aliases },
    maxDirectives: { n: requestLimits.directives },
    maxTokens: { enabled: false },
    costLimit: { maxCost: requestLimits.cost },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    plugins,
    validationRules,
    parseOptions: { maxTokens: requestLimits.tokens },
    allowBatchedHttpRequests: false,
  };
}
