'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { ui } from '../lib/labels.ts';

/** The sections; each link keeps the current filters. */
export function Nav() {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  return (
    <nav aria-label={ui.navLabel} className="nav">
      {ui.nav.map(({ href, label }) => (
        <Link
          key={href}
          href={query ? `${href}?${query}` : href}
          aria-current={
            pathname === href || (href !== '/' && pathname.startsWith(`${href}/`)) ? 'page' : undefined
          }
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
