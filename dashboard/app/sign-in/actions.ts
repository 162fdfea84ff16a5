'use server';

import { signDevelopmentToken } from '@kdn/platform/tokens';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { demoUsers } from '../../lib/demo-users.ts';
import { sessionCookie } from '../../lib/session-cookie.ts';

/** As long as the development token it holds. */
const sessionSeconds = 8 * 60 * 60;

/**
 * Signs in as a demo user: the token is signed here, on the server (the development key never
 * reaches the browser), and kept in a cookie scripts cannot read.
 */
export async function signIn(form: FormData) {
  const user = demoUsers().find(({ id }) => id === form.get('user'));
  if (!user) redirect('/sign-in');
  const token = await signDevelopmentToken(user.claims, { expiresIn: `${sessionSeconds}s` });
  const origin = (await headers()).get('origin') ?? '';
  (await cookies()).set(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: origin.startsWith('https:'),
    path: '/',
    maxAge: sessionSeconds,
  });
  redirect('/');
}

export async function signOut() {
  (await cookies()).delete(sessionCookie);
  redirect('/sign-in');
}
