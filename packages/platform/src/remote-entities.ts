import { serviceUnavailable } from './errors.ts';

interface EntitiesResponse<Entity> {
  data?: { _entities: Array<Entity | null> };
  errors?: Array<{ message: string }>;
}

/**
 * Asks the subgraph that owns some entities about them by key, over HTTP (`_entities`), the way the
 * gateway would. A service checks references to records it does not own with this, never by
 * reading another service's tables, on the user's behalf (their token is passed on, so the owner
 * applies the same access policy). The answers come in the order of the representations, null
 * where the owner has no such record.
 */
export async function fetchEntities<Entity>(
  owner: { service: string; url: string; authorization: string },
  representations: Array<{ __typename: string } & Record<string, unknown>>,
  selection: string,
  timeoutMs = 5000,
): Promise<Array<Entity | null>> {
  const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`;
  let body: EntitiesResponse<Entity>;
  try {
    const response = await fetch(owner.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: owner.authorization },
      body: JSON.stringify({ query, variables: { representations } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = (await response.json()) as EntitiesResponse<Entity>;
  } catch (error) {
    throw serviceUnavailable(owner.service, error);
  }
  if (!body.data || body.errors?.length) {
    throw serviceUnavailable(owner.service, new Error(body.errors?.[0]?.message ?? 'no data'));
  }
  return body.data._entities;
}
