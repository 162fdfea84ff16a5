import { z } from 'zod';

/** Who may use the platform, each seeing what its work needs (clause 3.1 of the curator regulation). */
export const roles = ['COMMISSION', 'CURATOR', 'AGENCY', 'METHODOLOGIST', 'INTEGRATOR', 'ADMIN'] as const;
export type Role = (typeof roles)[number];

/**
 * What an integrator's token may allow, named in its `scope` claim (space-separated):
 * `aggregates:read` district figures; `cases:read` case records without personal data;
 * `personal-data:read` their personal data too; `cases:write` case mutations;
 * `directory:write` agencies and resource centres; `audit:read` who viewed or changed a family;
 * `events:read` the services' domain events (keys and dates), to keep another system in step.
 */
export const integratorScopes = [
  'aggregates:read',
  'cases:read',
  'personal-data:read',
  'cases:write',
  'directory:write',
  'audit:read',
  'events:read',
] as const;
export type IntegratorScope = (typeof integratorScopes)[number];

/** The signed-in user, from the claims of a verified token; shared by the requests that send the token. */
export interface Principal {
  /** The token's subject: the user's id at the identity provider. */
  readonly userId: string;
  readonly role: Role;
  /** The district a commission member, curator or agency works in; an integrator's, when limited to one. */
  readonly districtCode: string | null;
  /** The agency an agency user or a curator works for. */
  readonly agencyId: string | null;
  /** A curator's own id in the curation subgraph. */
  readonly curatorId: string | null;
  readonly scopes: ReadonlySet<IntegratorScope>;
}

const text = z.string().min(1).max(200);

/** The claims this platform reads, beside the standard ones `jose` checks (signature, expiry, issuer, audience). */
export const claimsSchema = z
  .object({
    sub: text,
    role: z.enum(roles),
    district: text.optional(),
    agency: z.uuid().optional(),
    curator: z.uuid().optional(),
    scope: z
      .string()
      .max(1000)
      .optional()
      .transform((scope) => (scope ? scope.split(' ').filter(Boolean) : []))
      .pipe(z.array(z.enum(integratorScopes))),
  })
  .superRefine((claims, context) => {
    const required: Partial<Record<Role, Array<'district' | 'agency' | 'curator'>>> = {
      COMMISSION: ['district'],
      CURATOR: ['district', 'agency', 'curator'],
      AGENCY: ['district', 'agency'],
    };
    for (const claim of required[claims.role] ?? []) {
      if (!claims[claim])
        context.addIssue({ code: 'custom', path: [claim], message: `required for ${claims.role}` });
    }
    if (claims.role === 'INTEGRATOR' && claims.scope.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'an integrator needs at least one scope',
      });
    }
  });

export type Claims = z.input<typeof claimsSchema>;

export function principalFrom(claims: z.output<typeof claimsSchema>): Principal {
  return {
    userId: claims.sub,
    role: claims.role,
    districtCode: claims.district ?? null,
    agencyId: claims.agency ?? null,
    curatorId: claims.curator ?? null,
    scopes: new Set(claims.role === 'INTEGRATOR' ? claims.scope : []),
  };
}
