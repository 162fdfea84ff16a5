import { GraphQLError } from 'graphql';

/** Error codes carried in `extensions.code`, the contract with every client of the API. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Timeout: 'TIMEOUT',
  OperationNotSafelisted: 'OPERATION_NOT_SAFELISTED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
} as const;

/** A rejected input: names the offending field by its path in the mutation's arguments. */
export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: ErrorCode.BadUserInput, field },
  });
}

/** Another writer changed the record first (optimistic concurrency): the client reloads and retries. */
export function conflict(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.Conflict, ...(field ? { field } : {}) },
  });
}

export function serviceUnavailable(service: string, cause: unknown): GraphQLError {
  return new GraphQLError(`The ${service} service did not answer`, {
    extensions: { code: ErrorCode.ServiceUnavailable, service },
    originalError: cause instanceof Error ? cause : undefined,
  });
}
