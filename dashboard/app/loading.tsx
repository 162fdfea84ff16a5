import { ui } from '../lib/labels.ts';

/** The overview's shape while the gateway answers. */
export default function Loading() {
  return (
    <div className="loading" aria-busy="true">
      <header className="page-header">
        <div className="skeleton skeleton-title" />
        <p className="muted">{ui.loading}</p>
      </header>
      <div className="figures">
        <div className="figure skeleton skeleton-figure" />
        <div className="figure skeleton skeleton-figure" />
      </div>
      <div className="panel skeleton skeleton-panel" />
      <div className="panel skeleton skeleton-panel" />
    </div>
  );
}
