'use client';

import Form from 'next/form';
import { usePathname, useSearchParams } from 'next/navigation';
import type { DistrictRef } from '../lib/districts.ts';
import { type Filters, periodSections, yearStart } from '../lib/filters.ts';
import { ui } from '../lib/labels.ts';

/**
 * The district, date and (in the sections that count events) period pickers: a GET form onto the
 * current section, so the filters land in the URL; the view's other parameters, such as its sort
 * order, ride along. Choosing a district applies at once; dates apply with «Показать» or Enter.
 */
export function FilterBar({ districts, defaults }: { districts: DistrictRef[]; defaults: Filters }) {
  const pathname = usePathname();
  const params = useSearchParams();
  if (pathname === '/sign-in') return null;
  const district = params.get('district') ?? defaults.district;
  const asOf = params.get('asOf') ?? defaults.asOf;
  const known = districts.some(({ code }) => code === district);
  const withPeriod = periodSections.includes(pathname);
  const pickers = withPeriod ? ['district', 'asOf', 'from', 'to'] : ['district', 'asOf'];
  const kept = [...params].filter(([name]) => !pickers.includes(name));
  return (
    <Form action={pathname} key={params.toString()} className="filters">
      {districts.length > 0 ? (
        <label>
          <span>{ui.filters.district}</span>
          <select
            name="district"
            defaultValue={district}
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          >
            {!known && (
              <option value={district} disabled>
                —
              </option>
            )}
            {districts.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="muted">{ui.filters.noDistricts}</p>
      )}
      <label>
        <span>{ui.filters.asOf}</span>
        <input type="date" name="asOf" required defaultValue={asOf} />
      </label>
      {withPeriod && (
        <>
          <label>
            <span>{ui.filters.from}</span>
            <input type="date" name="from" required defaultValue={params.get('from') ?? yearStart(asOf)} />
          </label>
          <label>
            <span>{ui.filters.to}</span>
            <input type="date" name="to" required defaultValue={params.get('to') ?? asOf} />
          </label>
        </>
      )}
      {kept.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <button type="submit">{ui.filters.apply}</button>
    </Form>
  );
}
