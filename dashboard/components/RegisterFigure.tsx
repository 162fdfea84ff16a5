import { formatFigure } from '../lib/format.ts';
import { ui } from '../lib/labels.ts';
import type { RegisterCount } from '../lib/overview.ts';

/** One figure of the register: families and minors. */
export function RegisterFigure({
  id,
  title,
  count,
}: {
  id: string;
  title: string;
  count: RegisterCount | null;
}) {
  return (
    <section id={id} className="figure" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {count ? (
        <dl>
          <div>
            <dt>{ui.register.families}</dt>
            <dd>{formatFigure(count.families)}</dd>
          </div>
          <div>
            <dt>{ui.register.minors}</dt>
            <dd>{formatFigure(count.minors)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{ui.noData}</p>
      )}
    </section>
  );
}
