import { serviceUnavailable } from '@kdn/platform';

/**
 * The registry owns no districts or commissions: it checks references to them with the agencies
 * subgraph that owns them, by entity key, over HTTP.
 */
export interface AgencyDirectory {
  lookUp(reference: { districtCode: string; commissionId: string }): Promise<{
    districtExists: boolean;
    /** The district the commission serves; `null` when there is no such commission. */
    commissionDistrict: string | null;
  }>;
}

interface EntitiesResponse {
  data?: { _entities: [{ code: string } | null, { district: { code: string } } | null] };
  errors?: Array<{ message: string }>;
}

const entitiesQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on District { code }
    ... on Commission { district { code } }
  }
}`;

export function agencyDirectoryAt(agenciesUrl: string, timeoutMs = 3000): AgencyDirectory {
  return {
    async lookUp({ districtCode, commissionId }) {
      const representations = [
        { __typename: 'District', code: districtCode },
        { __typename: 'Commission', id: commissionId },
      ];
      let body: EntitiesResponse;
      try {
        const response = await fetch(agenciesUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: entitiesQuery, variables: { representations } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = (await response.json()) as EntitiesResponse;
      } catch (error) {
        throw serviceUnavailable('agencies', error);
      }
      if (!body.data || body.errors?.length) {
        throw serviceUnavailable('agencies', new Error(body.errors?.[0]?.message ?? 'no data'));
      }
      const [district, commission] = body.data._entities;
      return { districtExists: district !== null, commissionDistrict: commission?.district.code ?? null };
    },
  };
}
