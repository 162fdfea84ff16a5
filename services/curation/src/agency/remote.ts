import { type AgencyKind, fetchEntities } from '@kdn/platform';

export interface AgencyFacts {
  id: string;
  kind: AgencyKind;
  districtCode: string;
}

/**
 * The curation service owns no agencies: it asks the agencies subgraph about them by entity key,
 * in one request for all the ids of a mutation. Answers come in the order asked, null where unknown.
 */
export interface AgencyDirectory {
  lookUp(ids: string[]): Promise<Array<AgencyFacts | null>>;
}

/** Asks on behalf of the request's user (`authorization`), so the agencies subgraph applies its policy for them. */
export function agencyDirectoryAt(agenciesUrl: string, authorization: string): AgencyDirectory {
  return {
    async lookUp(ids) {
      if (ids.length === 0) return [];
      const agencies = await fetchEntities<{ id: string; kind: AgencyKind; district: { code: string } }>(
        { service: 'agencies', url: agenciesUrl, authorization },
        ids.map((id) => ({ __typename: 'Agency', id })),
        '... on Agency { id kind district { code } }',
      );
      return agencies.map((agency) =>
        agency ? { id: agency.id, kind: agency.kind, districtCode: agency.district.code } : null,
      );
    },
  };
}
