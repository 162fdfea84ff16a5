import { ui } from '../lib/labels.ts';

/** A section that the analytics API will fill: says so, and shows no invented figures. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <p className="empty-state">{ui.comingSoon}</p>
    </>
  );
}
