import type { CaseLinks } from './access/access.ts';
import type { SubgraphUrls } from './config.ts';
import { serviceUnavailable } from './errors.ts';

/**
 * Case links asked of the subgraphs that own them, on the user's behalf (their token is passed
 * on): a curator's wards from curation (`wardFamilyIds`), an agency's families from programmes
 * (`servedFamilyIds`). Each answers only for the signed-in principal itself.
 */
export function remoteCaseLinks(peers: SubgraphUrls, authorization: string, timeoutMs = 5000): CaseLinks {
  const ask = async (service: 'curation' | 'programmes', field: string) => {
    let body: { data?: Record<string, string[]> | null; errors?: Array<{ message: string }> };
    try {
      const response = await fetch(peers[service], {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: `{ ${field} }` }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw serviceUnavailable(service, error);
    }
    const ids = body.data?.[field];
    if (!ids) throw serviceUnavailable(service, new Error(body.errors?.[0]?.message ?? 'no data'));
    return new Set(ids);
  };
  return {
    wardsOfCurator: () => ask('curation', 'wardFamilyIds'),
    familiesServedByAgency: () => ask('programmes', 'servedFamilyIds'),
  };
}
