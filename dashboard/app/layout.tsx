import type { Metadata } from 'next';
import { type ReactNode, Suspense } from 'react';
import { FilterBar } from '../components/FilterBar.tsx';
import { Nav } from '../components/Nav.tsx';
import { listDistricts } from '../lib/districts.ts';
import { defaultFilters } from '../lib/filters.ts';
import { ui } from '../lib/labels.ts';
import { readableDistricts, readsFigures } from '../lib/roles.ts';
import { currentSession, type Session } from '../lib/session.ts';
import { signOut } from './sign-in/actions.ts';
import './globals.css';

/** Every view shows the figures of the moment it is opened. */
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: ui.appTitle, template: `%s — ${ui.appTitle}` },
  description: ui.appDescription,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  const figures = session !== null && readsFigures(session.user);
  return (
    <html lang="ru">
      <body>
        <header className="app-header">
          <div className="app-header-inner">
            <span className="app-title">{ui.appTitle}</span>
            {session && figures && <Nav links={sectionsOf(session)} />}
            {session && (
              <div className="session">
                <span className="muted">{ui.session.signedInAs}</span>{' '}
                <span id="signed-in-user">{session.user.title}</span>
                <form action={signOut}>
                  <button type="submit" className="link-button">
                    {ui.session.signOut}
                  </button>
                </form>
              </div>
            )}
          </div>
        </header>
        {session && figures && (
          <div className="toolbar">
            <Suspense fallback={<div className="filters filters-pending" />}>
              <Filters session={session} />
            </Suspense>
          </div>
        )}
        <main className="content">{children}</main>
      </body>
    </html>
  );
}

/** The sections, and a curator's own wards. */
function sectionsOf({ user }: Session) {
  const { curatorId } = user;
  return user.role === 'CURATOR' && curatorId
    ? [...ui.nav, { href: `/curators/${encodeURIComponent(curatorId)}`, label: ui.session.ownWards }]
    : [...ui.nav];
}

/**
 * The pickers offer the districts whose figures the user reads; they stay usable without the
 * district list, and the page itself reports why it is missing.
 */
async function Filters({ session }: { session: Session }) {
  const districts = await listDistricts(session.token).then(
    (result) => readableDistricts(session.user, result.districts),
    () => [],
  );
  return <FilterBar districts={districts} defaults={defaultFilters(districts.map(({ code }) => code))} />;
}
