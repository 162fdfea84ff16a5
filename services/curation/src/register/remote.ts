import { calendarDate, fetchEntities, isoDate } from '@kdn/platform';

export interface RegisteredMinor {
  minorId: string;
  addedOn: Date;
  /** The first day the minor no longer counts on the register (left it, or turned 18); null: counts on. */
  countedUntil: Date | null;
}

/** A family's registration that holds on a day, as the registry keeps it. */
export interface RegistrationOnDay {
  registrationId: string;
  districtCode: string;
  /** Every minor the registration names, each from the day they were put on the register. */
  minors: RegisteredMinor[];
}

export type FamilyOnRegister =
  | { status: 'unknown-family' }
  | { status: 'not-on-register' }
  | ({ status: 'on-register' } & RegistrationOnDay);

/**
 * The register is the registry subgraph's: before a curator is assigned to a family (clause 1.2:
 * on its registration), the curation service asks it, by entity key, whether the family is on the
 * register that day and which minors its registration names.
 */
export interface RegisterDirectory {
  familyOn(familyId: string, day: Date): Promise<FamilyOnRegister>;
  /** The minors a registration names now, or null when the registry has no such registration. */
  minorsOf(registrationId: string): Promise<RegisteredMinor[] | null>;
}

interface MinorsAnswer {
  minors: Array<{ addedOn: string; countedUntil: string | null; minor: { id: string } }>;
}

const minorsSelection = 'minors { addedOn countedUntil minor { id } }';

function registeredMinors({ minors }: MinorsAnswer): RegisteredMinor[] {
  return minors.map(({ addedOn, countedUntil, minor }) => ({
    minorId: minor.id,
    addedOn: calendarDate(addedOn),
    countedUntil: countedUntil ? calendarDate(countedUntil) : null,
  }));
}

interface FamilyAnswer {
  district: { code: string } | null;
  currentRegistration: ({ id: string } & MinorsAnswer) | null;
}

/** Asks on behalf of the request's user (`authorization`), so the registry applies its policy for them. */
export function registerDirectoryAt(registryUrl: string, authorization: string): RegisterDirectory {
  return {
    async familyOn(familyId, day) {
      const [family] = await fetchEntities<FamilyAnswer>(
        { service: 'registry', url: registryUrl, authorization },
        [{ __typename: 'Family', id: familyId }],
        `... on Family {
          district { code }
          currentRegistration(asOf: "${isoDate(day)}") { id ${minorsSelection} }
        }`,
      );
      if (!family?.district) return { status: 'unknown-family' };
      const registration = family.currentRegistration;
      if (!registration) return { status: 'not-on-register' };
      return {
        status: 'on-register',
        registrationId: registration.id,
        districtCode: family.district.code,
        minors: registeredMinors(registration),
      };
    },
    async minorsOf(registrationId) {
      const [registration] = await fetchEntities<MinorsAnswer>(
        { service: 'registry', url: registryUrl, authorization },
        [{ __typename: 'Registration', id: registrationId }],
        `... on Registration { ${minorsSelection} }`,
      );
      return registration ? registeredMinors(registration) : null;
    },
  };
}
