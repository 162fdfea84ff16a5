import type { Metadata } from 'next';
import { type ReactNode, Suspense } from 'react';
import { FilterBar } from '../components/FilterBar.tsx';
import { Nav } from '../components/Nav.tsx';
import { listDistricts } from '../lib/districts.ts';
import { defaultFilters } from '../lib/filters.ts';
import { ui } from '../lib/labels.ts';
import './globals.css';

/** Every view shows the figures of the moment it is opened. */
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: ui.appTitle, template: `%s — ${ui.appTitle}` },
  description: ui.appDescription,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ru">
      <body>
        <header className="app-header">
          <div className="app-header-inner">
            <span className="app-title">{ui.appTitle}</span>
            <Nav />
          </div>
        </header>
        <div className="toolbar">
          <Suspense fallback={<div className="filters filters-pending" />}>
            <Filters />
          </Suspense>
        </div>
        <main className="content">{children}</main>
      </body>
    </html>
  );
}

/** The pickers stay usable without the district list; the page itself reports why it is missing. */
async function Filters() {
  const districts = await listDistricts().then(
    (result) => result.districts,
    () => [],
  );
  return <FilterBar districts={districts} defaults={defaultFilters(districts.map(({ code }) => code))} />;
}
