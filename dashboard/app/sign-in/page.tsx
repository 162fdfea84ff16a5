import type { Metadata } from 'next';
import { demoUsers } from '../../lib/demo-users.ts';
import { type SearchParams, single } from '../../lib/filters.ts';
import { ui } from '../../lib/labels.ts';
import { currentSession } from '../../lib/session.ts';
import { signIn } from './actions.ts';

export const metadata: Metadata = { title: ui.signIn.title };

/**
 * The demo's sign-in: a user of each role (a commission for each district) to pick, when the dashboard
 * was started with the demo's users. Production signs in at the identity provider instead, which is not
 * part of this dashboard.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const expired = single((await searchParams).expired) !== undefined;
  const session = await currentSession();
  const users = demoUsers();
  return (
    <section className="sign-in">
      <header className="page-header">
        <h1>{ui.signIn.title}</h1>
        {users.length > 0 && <p>{ui.signIn.lead}</p>}
      </header>
      {expired && !session && (
        <div className="notice" role="status">
          <p>{ui.signIn.expired}</p>
        </div>
      )}
      {session && <p className="muted">{ui.signIn.current(session.user.title)}</p>}
      {users.length > 0 ? (
        <form action={signIn} className="panel sign-in-users" aria-labelledby="demo-users-title">
          <h2 id="demo-users-title">{ui.signIn.choose}</h2>
          <ul>
            {users.map((user) => (
              <li key={user.id}>
                <button type="submit" name="user" value={user.id}>
                  {user.title}
                </button>
                <span className="muted"> · {ui.roles[user.claims.role]}</span>
              </li>
            ))}
          </ul>
          <p className="muted">{ui.signIn.demoNote}</p>
        </form>
      ) : (
        <p className="notice" role="status" id="demo-sign-in-off">
          {ui.signIn.productionNote}
        </p>
      )}
    </section>
  );
}
