'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { ui } from '../lib/labels.ts';

/** The sections the user's role reads; each link keeps the current filters. */
export function Nav({ links }: { links: Array<{ href: string; label: string }> }) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  // The most specific section the page belongs to: a curator's own wards rather than all curators.
  const current = links
    .map(({ href }) => href)
    .filter((href) => pathname === href || (href !== '/' && pathname.startsWith(`${href}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label={ui.navLabel} className="nav">
      {links.map(({ href, label }) => (
        <Link
          key={href}
          href={query ? `${href}?${query}` : href}
          aria-current={href === current ? 'page' : undefined}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
