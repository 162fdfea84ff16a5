import { fetchEntities } from '@kdn/platform';

/**
 * The registry owns no districts or commissions: it checks references to them with the agencies
 * subgraph that owns them, by entity key.
 */
export interface AgencyDirectory {
  lookUp(reference: { districtCode: string; commissionId: string }): Promise<{
    districtExists: boolean;
    /** The district the commission serves; `null` when there is no such commission. */
    commissionDistrict: string | null;
  }>;
}

/** The directory as the signed-in user sees it: `authorization` is their request's header, passed on. */
export function agencyDirectoryAt(agenciesUrl: string, authorization: string): AgencyDirectory {
  return {
    async lookUp({ districtCode, commissionId }) {
      const [district, commission] = await fetchEntities<{ code?: string; district?: { code: string } }>(
        { service: 'agencies', url: agenciesUrl, authorization },
        [
          { __typename: 'District', code: districtCode },
          { __typename: 'Commission', id: commissionId },
        ],
        '... on District { code } ... on Commission { district { code } }',
      );
      return { districtExists: district != null, commissionDistrict: commission?.district?.code ?? null };
    },
  };
}
