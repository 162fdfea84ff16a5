/**
 * Hive Gateway's configuration for the benchmark (`--config-path`): like the Node gateway, it passes
 * each request's bearer token on to the subgraphs, which verify it again and apply the access policy.
 */
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
  },
});
