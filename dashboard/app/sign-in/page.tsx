import { demoUsers } from '@kdn/demo/users';
import type { Metadata } from 'next';
import { type SearchParams, single } from '../../lib/filters.ts';
import { ui } from '../../lib/labels.ts';
import { currentSession, demoSignInOffered } from '../../lib/session.ts';
import { signIn } from './actions.ts';

export const metadata: Metadata = { title: ui.signIn.title };

/**
 * The demo's sign-in: a user of each role (a commission for each district) to pick. Production signs
 * in at the identity provider instead, which is not part of this dashboard; there the picker is
 * offered only with `DEMO_SIGN_IN=true`.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const expired = single((await searchParams).expired) !== undefined;
  const session = await currentSession();
  const offered = demoSignInOffered();
  return (
    <section className="sign-in">
      <header className="page-header">
        <h1>{ui.signIn.title}</h1>
        {offered && <p>{ui.signIn.lead}</p>}
      </header>
      {expired && !session && (
        <div className="notice" role="status">
          <p>{ui.signIn.expired}</p>
        </div>
      )}
      {session && <p className="muted">{ui.signIn.current(session.user.title)}</p>}
      {offered ? (
        <form action={signIn} className="panel sign-in-users" aria-labelledby="demo-users-title">
          <h2 id="demo-users-title">{ui.signIn.choose}</h2>
          <ul>
            {demoUsers.map((user) => (
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
