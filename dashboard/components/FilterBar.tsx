'use client';

import Form from 'next/form';
import { usePathname, useSearchParams } from 'next/navigation';
import type { DistrictRef } from '../lib/districts.ts';
import type { Filters } from '../lib/filters.ts';
import { ui } from '../lib/labels.ts';

/**
 * The district and date pickers: a GET form onto the current section, so the filters land in the
 * URL. Choosing a district applies at once; a date applies with «Показать» or Enter.
 */
export function FilterBar({ districts, defaults }: { districts: DistrictRef[]; defaults: Filters }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const district = params.get('district') ?? defaults.district;
  const known = districts.some(({ code }) => code === district);
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
        <input type="date" name="asOf" required defaultValue={params.get('asOf') ?? defaults.asOf} />
      </label>
      <button type="submit">{ui.filters.apply}</button>
    </Form>
  );
}
