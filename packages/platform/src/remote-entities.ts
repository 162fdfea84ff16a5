import { type Peer, requestPeer } from './peer-request.ts';

/**
 * Asks the subgraph that owns some entities about them by key, over HTTP (`_entities`), the way the
 * gateway would. A service checks references to records it does not own with this, never by
 * reading another service's tables, on the user's behalf (their token is passed on, so the owner
 * applies the same access policy). The answers come in the order of the representations, null
 * where the owner has no such record.
 */
export async function fetchEntities<Entity>(
  owner: Peer,
  representations: Array<{ __typename: string } & Record<string, unknown>>,
  selection: string,
): Promise<Array<Entity | null>> {
  return requestPeer<Array<Entity | null>>(owner, {
    query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
    field: '_entities',
    variables: { representations },
  });
}
