/** The kinds of agencies of the prevention system: the `AgencyKind` enum's values, in its order. */
export const agencyKinds = [
  'EDUCATION',
  'POLICE_JUVENILE_UNIT',
  'GUARDIANSHIP',
  'SOCIAL_SERVICE_CENTRE',
  'SOCIAL_PROTECTION',
  'HEALTH',
  'CULTURE_SPORT',
  'EMPLOYMENT',
  'YOUTH',
  'OTHER',
] as const;
export type AgencyKind = (typeof agencyKinds)[number];
