/**
 * The demo's users, for the sign-in picker: handed to the dashboard when it starts, as JSON in
 * `DEMO_USERS` (`npm start` and the browser tests set it while tokens are the development key's;
 * `npm run dev` sets it from `@kdn/demo`). Read on the server at each request, so the build holds
 * none; without them, as in production, there is no picker and users sign in at the identity provider.
 */
import 'server-only';
import type { DemoUser } from '@kdn/demo/users';

export function demoUsers(): DemoUser[] {
  const json = process.env.DEMO_USERS;
  if (!json) return [];
  const users: unknown = JSON.parse(json);
  if (!Array.isArray(users)) throw new Error('DEMO_USERS is not a JSON array of the demo’s users');
  return users;
}
