import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  importJWK,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import { ErrorCode } from '../errors.ts';
import developmentKey from './development-key.json' with { type: 'json' };
import { type Claims, claimsSchema, type Principal, principalFrom } from './principal.ts';

/** The issuer and audience of the embedded default's tokens; production names its own. */
export const developmentIssuer = 'kdn-development';
export const developmentAudience = 'kdn-platform';

/** Asymmetric algorithms only: a token signed with a shared secret, or not signed (`alg: none`), is refused. */
const algorithms = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
  });
}

/**
 * Verifies a request's bearer token and reads its principal. Keys: a JWKS at `AUTH_JWKS_URL` (the
 * identity provider's, in production) or in the file `AUTH_JWKS_FILE`; otherwise the development
 * key, which production refuses. Issuer and audience: `AUTH_ISSUER`, `AUTH_AUDIENCE`.
 */
export function authenticatorFromEnv(env: NodeJS.ProcessEnv = process.env): Authenticate {
  const keys = keysFromEnv(env);
  const issuer = env.AUTH_ISSUER ?? developmentIssuer;
  const audience = env.AUTH_AUDIENCE ?? developmentAudience;
  const verified = new VerifiedTokens();
  return async (authorization) => {
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Sign in: send `Authorization: Bearer <token>`');
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, audience, algorithms, requiredClaims: ['exp'] }));
    } catch (error) {
      throw unauthenticated(`The token was refused: ${reasonOf(error)}`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw unauthenticated(`The token's claim \`${issue?.path.join('.')}\` is invalid: ${issue?.message}`);
    }
    const principal = principalFrom(claims.data);
    verified.remember(token, principal, Number(payload.exp) * 1000);
    return principal;
  };
}

/**
 * Tokens this process has verified, for a minute at most and never past their expiry: one request
 * reaches every subgraph it touches with the same token, and a session sends it again and again,
 * while verifying a signature costs each process about 0.4 ms. A key withdrawn from the identity
 * provider's set stops being honoured within that minute.
 */
class VerifiedTokens {
  private readonly principals = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly capacity = 10_000,
  ) {}

  get(token: string): Principal | undefined {
    const entry = this.principals.get(token);
    if (!entry) return undefined;
    if (Date.now() < entry.until) return entry.principal;
    this.principals.delete(token);
    return undefined;
  }

  remember(token: string, principal: Principal, expiresAt: number) {
    // The oldest entry goes first when full (a Map iterates in insertion order).
    if (this.principals.size >= this.capacity) {
      this.principals.delete(this.principals.keys().next().value as string);
    }
    this.principals.set(token, { principal, until: Math.min(expiresAt, Date.now() + this.maxAgeMs) });
  }
}

function keysFromEnv(env: NodeJS.ProcessEnv): JWTVerifyGetKey {
  if (env.AUTH_JWKS_URL) return createRemoteJWKSet(new URL(env.AUTH_JWKS_URL));
  if (env.AUTH_JWKS_FILE) return createLocalJWKSet(JSON.parse(readFileSync(env.AUTH_JWKS_FILE, 'utf8')));
  if (env.NODE_ENV === 'production') {
    throw new Error('Production needs AUTH_JWKS_URL or AUTH_JWKS_FILE: the development key is public');
  }
  return createLocalJWKSet({ keys: [developmentKey.publicJwk as JWK] });
}

/** jose's error codes say why, without echoing the token. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  const reasons: Record<string, string> = {
    ERR_JWT_EXPIRED: 'it has expired',
    ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'its signature does not verify',
    ERR_JWT_CLAIM_VALIDATION_FAILED: `${(error as { claim?: string }).claim ?? 'a'} claim does not match`,
    ERR_JOSE_ALG_NOT_ALLOWED: 'its algorithm is not allowed',
    ERR_JOSE_NOT_SUPPORTED: 'its algorithm is not supported',
    ERR_JWKS_NO_MATCHING_KEY: 'no key of ours signed it',
  };
  return (code && reasons[code]) ?? 'it is malformed';
}

/**
 * A token signed with the development key: for the demo (`npm run token`, the dashboard's sign-in
 * picker) and the tests. Never valid where production keys are configured.
 */
export async function signDevelopmentToken(
  claims: Claims,
  { expiresIn = '8h', audience = developmentAudience, issuer = developmentIssuer } = {},
): Promise<string> {
  const key = await importJWK(developmentKey.privateJwk as JWK, 'ES256');
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: developmentKey.privateJwk.kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
