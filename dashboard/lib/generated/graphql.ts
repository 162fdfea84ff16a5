/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Kinds of agencies of the prevention system (органы и учреждения системы профилактики). */
export type AgencyKind =
  /** Culture and sport institutions (учреждения культуры и спорта). */
  | 'CULTURE_SPORT'
  /** Schools and other educational institutions (образовательные учреждения). */
  | 'EDUCATION'
  /** Employment services (центр занятости населения). */
  | 'EMPLOYMENT'
  /** Guardianship and custody departments (отдел опеки и попечительства). */
  | 'GUARDIANSHIP'
  /** Health care institutions (учреждения здравоохранения). */
  | 'HEALTH'
  /** Any other subject of the prevention system. */
  | 'OTHER'
  /** Police juvenile affairs units (ОДН ОП). */
  | 'POLICE_JUVENILE_UNIT'
  /** Social protection departments (управление социальной защиты населения). */
  | 'SOCIAL_PROTECTION'
  /** Social service centres for families and children (ЦСПСиД). */
  | 'SOCIAL_SERVICE_CENTRE'
  /** Youth affairs bodies (органы по делам молодёжи). */
  | 'YOUTH';

/** What kind of help a measure gives (направление мероприятия). */
export type MeasureCategory =
  /** Schooling and upbringing (педагогические). */
  | 'EDUCATIONAL'
  /** Work for the parents or the teenagers (трудоустройство). */
  | 'EMPLOYMENT'
  /** Legal help and prevention of offences (правовые, профилактические). */
  | 'LEGAL'
  /** Leisure, culture and sport (досуговые, спортивные). */
  | 'LEISURE_SPORT'
  /** Medical help and treatment (медицинские). */
  | 'MEDICAL'
  /** Any other measure. */
  | 'OTHER'
  /** Psychological help and counselling (психологические). */
  | 'PSYCHOLOGICAL'
  /** Social work and everyday help (социальные). */
  | 'SOCIAL'
  /** Help with the documents for social support measures (оформление МСП). */
  | 'SOCIAL_SUPPORT_BENEFITS';

/** Where a programme (МИПСР) stands: DRAFT → APPROVED ⇄ UNDER_REVIEW, APPROVED → COMPLETED; any but COMPLETED → ENDED_OFF_REGISTER when the family leaves the register. */
export type ProgrammeStatus =
  /** Approved at a working-group meeting and being carried out (утверждена). */
  | 'APPROVED'
  /** Finished: the results were presented to the commission (clause 6.4; завершена). */
  | 'COMPLETED'
  /** Drafted, not yet approved by the working group (проект программы). */
  | 'DRAFT'
  /** Ended on the day the commission closed the family’s registration (снятие с учёта), before the results were presented: the programme is for a family on the register, so a family taken off it has none in force from that day (`endedOn`, `endReason`). Its undone measures and reports not yet due by then stop falling due (NO_LONGER_DUE); nothing is changed in it any more (прекращена в связи со снятием с учёта). */
  | 'ENDED_OFF_REGISTER'
  /** Changes the curator proposed await the working group’s decision (clause 3.4; на корректировке). */
  | 'UNDER_REVIEW';

export type DistrictCuratorsQueryVariables = Exact<{
  code: string;
  asOf: string;
}>;


export type DistrictCuratorsQuery = { district: { code: string, name: string, caseload: { total: { curators: number | null, families: number | null, minors: number | null }, byCurator: Array<{ families: number | null, minors: number | null, curator: { id: string, fullName: string, position: string, agency: { name: string } | null } | null }>, wardsPerCurator: Array<{ minWards: number, maxWards: number | null, curators: number | null }> } | null, homeVisits: { activeWards: number | null, overdueWards: number | null, byAgency: Array<{ kind: AgencyKind, activeWards: number | null, overdueWards: number | null, agency: { name: string } | null }>, byCurator: Array<{ activeWards: number | null, overdueWards: number | null, curator: { id: string, fullName: string, position: string, agency: { name: string } | null } | null }>, overdue: Array<{ id: string, lastHomeVisitOn: string | null, homeVisitDueBy: string | null, curator: { id: string, fullName: string, position: string, agency: { name: string } | null } | null, family: { address: string } | null }> } | null } | null };

export type CuratorRefFragment = { id: string, fullName: string, position: string, agency: { name: string } | null };

export type CuratorWardsQueryVariables = Exact<{
  id: string | number;
  asOf: string;
}>;


export type CuratorWardsQuery = { curator: { id: string, fullName: string, position: string, agency: { name: string } | null, district: { code: string, name: string } | null, assignments: Array<{ id: string, startedOn: string, lastHomeVisitOn: string | null, homeVisitDueBy: string | null, overdue: boolean, family: { address: string } | null, registration: { openedOn: string } | null, minors: Array<{ addedOn: string }> }> } | null };

export type DistrictsQueryVariables = Exact<{ [key: string]: never; }>;


export type DistrictsQuery = { districts: Array<{ code: string, name: string }> | null };

export type DistrictOverviewQueryVariables = Exact<{
  code: string;
  asOf: string;
  yearStart: string;
}>;


export type DistrictOverviewQuery = { district: { code: string, name: string, commission: { name: string } | null, register: { families: number | null, minors: number | null } | null, registeredDuring: { families: number | null, minors: number | null } | null, resourceCentre: { headAppointed: boolean, secretaryAppointed: boolean, staffFilled: number, staffVacant: number, agency: { name: string }, staffPositions: Array<{ title: string, filled: number, vacant: number }> } | null, agencies: Array<{ name: string, kind: AgencyKind }>, caseload: { byAgencyKind: Array<{ kind: AgencyKind, curators: number | null, families: number | null, minors: number | null }>, total: { curators: number | null, families: number | null, minors: number | null } } | null } | null };

export type DistrictProgrammesQueryVariables = Exact<{
  code: string;
  asOf: string;
  from: string;
  to: string;
}>;


export type DistrictProgrammesQuery = { district: { code: string, name: string, programmeOutcomes: { programmesReviewed: number | null, programmesChangedAfterReview: number | null, byStatus: Array<{ status: ProgrammeStatus, programmes: number | null }>, measures: { total: number | null, notDue: number | null, overdue: number | null, doneOnTime: number | null, doneLate: number | null, notExecuted: number | null, refusedByAgency: number | null }, measuresByAgency: Array<{ agency: { id: string, name: string, kind: AgencyKind }, counts: { total: number | null, notDue: number | null, overdue: number | null, doneOnTime: number | null, doneLate: number | null, notExecuted: number | null, refusedByAgency: number | null } }>, measuresByCategory: Array<{ category: MeasureCategory, counts: { total: number | null, notDue: number | null, overdue: number | null, doneOnTime: number | null, doneLate: number | null, notExecuted: number | null, refusedByAgency: number | null } }>, lastReport: { families: number | null, improved: number | null, unchanged: number | null, worsened: number | null } } | null } | null };

export type TimelinessCountsFragment = { total: number | null, notDue: number | null, overdue: number | null, doneOnTime: number | null, doneLate: number | null, notExecuted: number | null, refusedByAgency: number | null };

export type SituationAssessmentCountsFragment = { families: number | null, improved: number | null, unchanged: number | null, worsened: number | null };

export type ResourceCentresQueryVariables = Exact<{
  asOf: string;
  from: string;
  to: string;
}>;


export type ResourceCentresQuery = { resourceCentres: Array<{ id: string, headAppointed: boolean, secretaryAppointed: boolean, staffFilled: number, staffVacant: number, agency: { id: string, name: string, caseload: { curators: number | null, wards: number | null } | null }, district: { code: string, name: string, register: { families: number | null } | null, homeVisits: { activeWards: number | null, overdueWards: number | null } | null, homeVisitMonths: { wardMonths: number | null, withHomeVisit: number | null } | null }, checklist: { meetingsHeld: number | null, programmesReviewed: number | null, reportsDue: number | null, reportsOnTime: number | null, reportsWeighingChange: number | null, programmesCorrected: number | null, priorityMeasuresDue: number | null, priorityMeasuresDone: number | null } | null }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CuratorRefFragmentDoc = new TypedDocumentString(`
    fragment CuratorRef on Curator {
  id
  fullName
  position
  agency {
    name
  }
}
    `, {"fragmentName":"CuratorRef"}) as unknown as TypedDocumentString<CuratorRefFragment, unknown>;
export const TimelinessCountsFragmentDoc = new TypedDocumentString(`
    fragment TimelinessCounts on MeasureTimelinessCounts {
  total
  notDue
  overdue
  doneOnTime
  doneLate
  notExecuted
  refusedByAgency
}
    `, {"fragmentName":"TimelinessCounts"}) as unknown as TypedDocumentString<TimelinessCountsFragment, unknown>;
export const SituationAssessmentCountsFragmentDoc = new TypedDocumentString(`
    fragment SituationAssessmentCounts on SituationAssessmentCounts {
  families
  improved
  unchanged
  worsened
}
    `, {"fragmentName":"SituationAssessmentCounts"}) as unknown as TypedDocumentString<SituationAssessmentCountsFragment, unknown>;
export const DistrictCuratorsDocument = new TypedDocumentString(`
    query DistrictCurators($code: String!, $asOf: Date!) {
  district(code: $code) {
    code
    name
    caseload(asOf: $asOf) {
      total {
        curators
        families
        minors
      }
      byCurator {
        curator {
          ...CuratorRef
        }
        families
        minors
      }
      wardsPerCurator {
        minWards
        maxWards
        curators
      }
    }
    homeVisits(asOf: $asOf) {
      activeWards
      overdueWards
      byAgency {
        agency {
          name
        }
        kind
        activeWards
        overdueWards
      }
      byCurator {
        curator {
          ...CuratorRef
        }
        activeWards
        overdueWards
      }
      overdue {
        id
        curator {
          ...CuratorRef
        }
        family {
          address
        }
        lastHomeVisitOn(asOf: $asOf)
        homeVisitDueBy(asOf: $asOf)
      }
    }
  }
}
    fragment CuratorRef on Curator {
  id
  fullName
  position
  agency {
    name
  }
}`) as unknown as TypedDocumentString<DistrictCuratorsQuery, DistrictCuratorsQueryVariables>;
export const CuratorWardsDocument = new TypedDocumentString(`
    query CuratorWards($id: ID!, $asOf: Date!) {
  curator(id: $id) {
    id
    fullName
    position
    agency {
      name
    }
    district {
      code
      name
    }
    assignments(activeOn: $asOf) {
      id
      startedOn
      family {
        address
      }
      registration {
        openedOn
      }
      minors {
        addedOn
      }
      lastHomeVisitOn(asOf: $asOf)
      homeVisitDueBy(asOf: $asOf)
      overdue(asOf: $asOf)
    }
  }
}
    `) as unknown as TypedDocumentString<CuratorWardsQuery, CuratorWardsQueryVariables>;
export const DistrictsDocument = new TypedDocumentString(`
    query Districts {
  districts {
    code
    name
  }
}
    `) as unknown as TypedDocumentString<DistrictsQuery, DistrictsQueryVariables>;
export const DistrictOverviewDocument = new TypedDocumentString(`
    query DistrictOverview($code: String!, $asOf: Date!, $yearStart: Date!) {
  district(code: $code) {
    code
    name
    commission {
      name
    }
    register(asOf: $asOf) {
      families
      minors
    }
    registeredDuring(from: $yearStart, to: $asOf) {
      families
      minors
    }
    resourceCentre {
      agency {
        name
      }
      headAppointed
      secretaryAppointed
      staffFilled
      staffVacant
      staffPositions {
        title
        filled
        vacant
      }
    }
    agencies {
      name
      kind
    }
    caseload(asOf: $asOf) {
      byAgencyKind {
        kind
        curators
        families
        minors
      }
      total {
        curators
        families
        minors
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DistrictOverviewQuery, DistrictOverviewQueryVariables>;
export const DistrictProgrammesDocument = new TypedDocumentString(`
    query DistrictProgrammes($code: String!, $asOf: Date!, $from: Date!, $to: Date!) {
  district(code: $code) {
    code
    name
    programmeOutcomes(asOf: $asOf, from: $from, to: $to) {
      byStatus {
        status
        programmes
      }
      measures {
        ...TimelinessCounts
      }
      measuresByAgency {
        agency {
          id
          name
          kind
        }
        counts {
          ...TimelinessCounts
        }
      }
      measuresByCategory {
        category
        counts {
          ...TimelinessCounts
        }
      }
      lastReport {
        ...SituationAssessmentCounts
      }
      programmesReviewed
      programmesChangedAfterReview
    }
  }
}
    fragment TimelinessCounts on MeasureTimelinessCounts {
  total
  notDue
  overdue
  doneOnTime
  doneLate
  notExecuted
  refusedByAgency
}
fragment SituationAssessmentCounts on SituationAssessmentCounts {
  families
  improved
  unchanged
  worsened
}`) as unknown as TypedDocumentString<DistrictProgrammesQuery, DistrictProgrammesQueryVariables>;
export const ResourceCentresDocument = new TypedDocumentString(`
    query ResourceCentres($asOf: Date!, $from: Date!, $to: Date!) {
  resourceCentres {
    id
    headAppointed
    secretaryAppointed
    staffFilled
    staffVacant
    agency {
      id
      name
      caseload(asOf: $asOf) {
        curators
        wards
      }
    }
    district {
      code
      name
      register(asOf: $asOf) {
        families
      }
      homeVisits(asOf: $asOf) {
        activeWards
        overdueWards
      }
      homeVisitMonths(from: $from, to: $to) {
        wardMonths
        withHomeVisit
      }
    }
    checklist(asOf: $asOf, from: $from, to: $to) {
      meetingsHeld
      programmesReviewed
      reportsDue
      reportsOnTime
      reportsWeighingChange
      programmesCorrected
      priorityMeasuresDue
      priorityMeasuresDone
    }
  }
}
    `) as unknown as TypedDocumentString<ResourceCentresQuery, ResourceCentresQueryVariables>;