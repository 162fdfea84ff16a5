import { ui } from '../lib/labels.ts';
import type { SignedInUser } from '../lib/roles.ts';

/** For a role that reads no figures (an administrator, an integrator without `aggregates:read`): what it can do here. */
export function RoleNotice({ user }: { user: SignedInUser }) {
  const text = user.role === 'INTEGRATOR' ? ui.roleNotice.INTEGRATOR : ui.roleNotice.ADMIN;
  return (
    <section className="role-notice" id="role-notice">
      <header className="page-header">
        <h1>{ui.roleNotice.title}</h1>
        <p>{user.title}</p>
      </header>
      <p>{text}</p>
    </section>
  );
}
