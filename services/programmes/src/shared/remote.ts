import { calendarDate, fetchEntities, type SubgraphUrls } from '@kdn/platform';

/** A registration on the register, as the registry subgraph answers for it. */
export interface RegistrationFacts {
  familyId: string;
  districtCode: string;
  openedOn: Date;
  closedOn: Date | null;
}

/** Where an agency or a resource centre works. */
export interface Place {
  districtCode: string;
  city: string;
}

export interface DistrictFacts {
  city: string;
  resourceCentreId: string | null;
}

/**
 * The programmes subgraph owns no families, registrations, agencies, resource centres or curators:
 * it checks references to them with the subgraphs that own them, by entity key (`_entities`), one
 * request per owner whatever the number of references.
 */
export interface References {
  registration(id: string): Promise<RegistrationFacts | null>;
  agencies(query: {
    districtCode?: string;
    resourceCentreId?: string;
    agencyIds: readonly string[];
  }): Promise<{
    district: DistrictFacts | null;
    resourceCentre: Place | null;
    agencies: Array<Place | null>;
  }>;
  curator(id: string): Promise<{ active: boolean } | null>;
}

interface PlaceAnswer {
  district?: { code: string; city: string };
}

/** The references of one request, checked on the user's behalf: `authorization` is the request's own. */
export function referencesAt(peers: SubgraphUrls, authorization: string): References {
  return {
    async registration(id) {
      const [answer] = await fetchEntities<{
        openedOn: string;
        closedOn: string | null;
        family: { id: string };
        district: { code: string };
      }>(
        { service: 'registry', url: peers.registry, authorization },
        [{ __typename: 'Registration', id }],
        '... on Registration { openedOn closedOn family { id } district { code } }',
      );
      return answer
        ? {
            familyId: answer.family.id,
            districtCode: answer.district.code,
            openedOn: calendarDate(answer.openedOn),
            closedOn: answer.closedOn ? calendarDate(answer.closedOn) : null,
          }
        : null;
    },

    async agencies({ districtCode, resourceCentreId, agencyIds }) {
      const representations = [
        ...(districtCode ? [{ __typename: 'District', code: districtCode }] : []),
        ...(resourceCentreId ? [{ __typename: 'ResourceCentre', id: resourceCentreId }] : []),
        ...agencyIds.map((id) => ({ __typename: 'Agency', id })),
      ];
      const answers = await fetchEntities<
        PlaceAnswer & { city?: string; resourceCentre?: { id: string } | null }
      >(
        { service: 'agencies', url: peers.agencies, authorization },
        representations,
        `... on District { city resourceCentre { id } }
         ... on ResourceCentre { district { code city } }
         ... on Agency { district { code city } }`,
      );
      const district = districtCode ? answers.shift() : undefined;
      const centre = resourceCentreId ? answers.shift() : undefined;
      return {
        district: district?.city
          ? { city: district.city, resourceCentreId: district.resourceCentre?.id ?? null }
          : null,
        resourceCentre: placeOf(centre),
        agencies: answers.map(placeOf),
      };
    },

    async curator(id) {
      const [answer] = await fetchEntities<{ active: boolean }>(
        { service: 'curation', url: peers.curation, authorization },
        [{ __typename: 'Curator', id }],
        '... on Curator { active }',
      );
      return answer ?? null;
    },
  };
}

function placeOf(answer: PlaceAnswer | null | undefined): Place | null {
  return answer?.district ? { districtCode: answer.district.code, city: answer.district.city } : null;
}
