import { ui } from '../lib/labels.ts';
import { Notices } from './Notices.tsx';

/**
 * A page’s title, what it shows and on which dates, and what it could not show; with `suppressed`,
 * the note that explains the figures a methodologist does not see.
 */
export function PageHeader({
  title,
  subtitle,
  dates,
  notices,
  suppressed = false,
}: {
  title: string;
  subtitle?: string | undefined;
  dates?: string | undefined;
  notices: string[];
  suppressed?: boolean;
}) {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
        {dates && <p className="muted">{dates}</p>}
        {suppressed && (
          <p className="muted" id="suppression-note">
            {ui.suppressionNote}
          </p>
        )}
      </header>
      <Notices notices={notices} />
    </>
  );
}
