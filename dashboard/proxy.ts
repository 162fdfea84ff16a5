import { type NextRequest, NextResponse } from 'next/server';
import { sessionCookie } from './lib/session-cookie.ts';

/**
 * A request without a session goes straight to the sign-in page, as an HTTP redirect, before any
 * page renders. Only an optimistic check: each page reads the session again and the gateway verifies it.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has(sessionCookie)) return NextResponse.next();
  return NextResponse.redirect(new URL('/sign-in', request.url));
}

export const config = {
  matcher: ['/((?!sign-in|api/health|_next/|favicon\\.ico).*)'],
};
