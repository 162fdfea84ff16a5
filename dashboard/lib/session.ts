/**
 * The signed-in user's session: their bearer token in an httpOnly, SameSite=Lax cookie, read on the
 * server by every page and sent to the gateway, which verifies it (the dashboard only reads who it is).
 */
import 'server-only';
import { roles } from '@kdn/platform/principal';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { demoUsers } from './demo-users.ts';
import { ui } from './labels.ts';
import type { SignedInUser } from './roles.ts';
import { sessionCookie } from './session-cookie.ts';

export interface Session {
  token: string;
  user: SignedInUser;
}

interface TokenClaims {
  sub?: unknown;
  role?: unknown;
  district?: unknown;
  agency?: unknown;
  curator?: unknown;
  scope?: unknown;
  exp?: unknown;
}

/** A JWT's claims, read without checking its signature: the gateway verifies the token, this only names its user. */
function claimsOf(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function userOf(claims: TokenClaims): SignedInUser | null {
  const id = text(claims.sub);
  const role = roles.find((known) => known === claims.role);
  if (!id || !role) return null;
  return {
    id,
    title: demoUsers().find((user) => user.id === id)?.title ?? `${id} (${ui.roles[role]})`,
    role,
    districtCode: text(claims.district),
    agencyId: text(claims.agency),
    curatorId: text(claims.curator),
    scopes: text(claims.scope)?.split(' ').filter(Boolean) ?? [],
  };
}

/** The session of this request; none without the cookie, or once its token has expired. */
export async function currentSession(): Promise<Session | null> {
  const token = (await cookies()).get(sessionCookie)?.value;
  const claims = token ? claimsOf(token) : null;
  if (!token || !claims) return null;
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return null;
  const user = userOf(claims);
  return user && { token, user };
}

/** The session, or off to the sign-in page. */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return session;
}
