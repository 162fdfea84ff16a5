export {
  Access,
  type CaseLinks,
  caseRecordsWhere,
  covers,
  type FamilyAccess,
  type FamilyRef,
  type FamilyRows,
  forbidden,
  smallestShownFigure,
} from './access/access.ts';
export type { PersonalDataOptions } from './access/plugin.ts';
export {
  type Claims,
  type IntegratorScope,
  integratorScopes,
  type Principal,
  type Role,
  roles,
} from './access/principal.ts';
export {
  type Authenticate,
  authenticatorFromEnv,
  signDevelopmentToken,
  unauthenticated,
} from './access/tokens.ts';
export { type AgencyKind, agencyKinds } from './agency-kinds.ts';
export type { AuditRecord, AuditTrail, AuditWriter } from './audit/audit-log.ts';
export { addFamilyAudit, auditRecordsOf } from './audit/family-audit.ts';
export { createSubgraphBuilder, type SubgraphTypes } from './builder.ts';
export { remoteCaseLinks } from './case-links.ts';
export { assertVersionRead, updateAtVersion } from './concurrency.ts';
export {
  defaultPorts,
  type ProcessName,
  portOf,
  repositoryRoot,
  type SubgraphName,
  type SubgraphUrls,
  subgraphNames,
  subgraphTimeoutMs,
  subgraphUrl,
  subgraphUrlsFromEnv,
} from './config.ts';
export type { RequestContext, SubgraphContext } from './context.ts';
export { type Database, type DatabaseLocation, locationFromEnv, openDatabase } from './database.ts';
export { calendarDate, comingOfAge, isoDate, today } from './dates.ts';
export { badInput, conflict, ErrorCode, serviceUnavailable } from './errors.ts';
export {
  type DomainEvent,
  type EventEnvelope,
  type EventType,
  eventCatalogue,
  type Producer,
  producers,
} from './events/catalogue.ts';
export { EventConsumer, type Reactions, type Subscriptions } from './events/consumer.ts';
export {
  type EventFeed,
  envelopeSelection,
  feedField,
  httpEventFeed,
  serviceToken,
} from './events/feed-client.ts';
export { publish, readEvents, startPosition } from './events/outbox.ts';
export { addDomainEvents } from './events/schema.ts';
export { field, inputRule, isUuid, type Period, period } from './input.ts';
export { districtFigures, figuresByKey, loaderByKey, loaderOfLists, present } from './loaders.ts';
export { type Logger, rootLogger } from './logger.ts';
export { type IdWindow, idCursorConnection } from './pagination.ts';
export {
  type CheckOptions,
  checkInvariants,
  type Discrepancy,
  type FactsClient,
  type Invariant,
  type InvariantResult,
  invariantNames,
  invariants,
  type ReconciliationReport,
  type ReconciliationScope,
  type ReplayOutcome,
  repairs,
  replayForDiscrepancies,
} from './reconciliation/checker.ts';
export {
  type AgencyFact,
  type AssignmentFact,
  addReconciliationFacts,
  type CuratorFact,
  type FactsQuery,
  minorFactsOf,
  type ProgrammeFact,
  type RegistrationFact,
} from './reconciliation/facts.ts';
export { addEventReplay, replayMutationOf } from './reconciliation/replay.ts';
export { fetchEntities } from './remote-entities.ts';
export { selectedFields } from './selection.ts';
export { personalDataHeader, type RunningServer, serveGraphQL, serveSubgraph } from './server.ts';
export { defineAgencyKind, defineResolution, type ResolutionShape } from './shared-types.ts';
export type { SqlClient } from './sql-client.ts';
export {
  drainOnSignals,
  eventConsumerOf,
  type RunningService,
  runSubgraph,
  type SubgraphService,
  serveService,
} from './subgraph-service.ts';
export { transaction } from './transaction.ts';
