export { createSubgraphBuilder, type SubgraphTypes } from './builder.ts';
export { transaction } from './client-requests.ts';
export { assertVersionRead, updateAtVersion } from './concurrency.ts';
export {
  defaultPorts,
  type ProcessName,
  portOf,
  repositoryRoot,
  type SubgraphName,
  type SubgraphUrls,
  subgraphNames,
  subgraphUrl,
  subgraphUrlsFromEnv,
} from './config.ts';
export type { RequestContext } from './context.ts';
export { type Database, type DatabaseLocation, locationFromEnv, openDatabase } from './database.ts';
export { calendarDate, isoDate, today } from './dates.ts';
export { badInput, conflict, ErrorCode, serviceUnavailable } from './errors.ts';
export { field, fieldPath, isUuid, type Period, parseInput, period } from './input.ts';
export { districtFigures, figuresByKey, loaderByKey, loaderOfLists, present } from './loaders.ts';
export { type Logger, rootLogger } from './logger.ts';
export { type IdWindow, idCursorConnection } from './pagination.ts';
export { fetchEntities } from './remote-entities.ts';
export { type RunningServer, serveGraphQL, serveSubgraph } from './server.ts';
export {
  type AgencyKind,
  agencyKinds,
  defineAgencyKind,
  defineResolution,
  type ResolutionShape,
} from './shared-types.ts';
export { drainOnSignals, runSubgraph, type SubgraphService, serveService } from './subgraph-service.ts';
