import { Notices } from './Notices.tsx';

/** A page’s title, what it shows and on which dates, and what it could not show. */
export function PageHeader({
  title,
  subtitle,
  dates,
  notices,
}: {
  title: string;
  subtitle?: string | undefined;
  dates?: string | undefined;
  notices: string[];
}) {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
        {dates && <p className="muted">{dates}</p>}
      </header>
      <Notices notices={notices} />
    </>
  );
}
