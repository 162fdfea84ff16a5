import type { CaseLinks } from './access/access.ts';
import type { SubgraphUrls } from './config.ts';
import { requestPeer } from './peer-request.ts';

/**
 * Case links asked of the subgraphs that own them, on the user's behalf (their token is passed
 * on): a curator's wards from curation (`wardFamilyIds`), an agency's families from programmes
 * (`servedFamilyIds`). Each answers only for the signed-in principal itself.
 */
export function remoteCaseLinks(peers: SubgraphUrls, authorization: string): CaseLinks {
  const ask = async (service: 'curation' | 'programmes', field: string) => {
    const ids = await requestPeer<string[]>(
      { service, url: peers[service], authorization },
      { query: `{ ${field} }`, field },
    );
    return new Set(ids);
  };
  return {
    wardsOfCurator: () => ask('curation', 'wardFamilyIds'),
    familiesServedByAgency: () => ask('programmes', 'servedFamilyIds'),
  };
}
