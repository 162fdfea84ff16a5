import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Notices } from '../../../components/Notices.tsx';
import { signedInPage } from '../../../components/SignedInPage.tsx';
import { TablePanel } from '../../../components/TablePanel.tsx';
import { curatorWardsTable, loadCuratorWards } from '../../../lib/curators.ts';
import { defaultFilters, filtersQuery, isIsoDate, type SearchParams, single } from '../../../lib/filters.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { ui } from '../../../lib/labels.ts';
import { seesWardsOf } from '../../../lib/roles.ts';

export const metadata: Metadata = { title: ui.nav[1].label };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/** A curator and their wards on a day; a curator sees only their own (clause 3.1 of the curator regulation). */
export default signedInPage<Props>(async ({ params, searchParams }, { token, user }) => {
  const { id } = await params;
  const query = await searchParams;
  const asked = { district: single(query.district), asOf: single(query.asOf) };
  const asOf = isIsoDate(asked.asOf) ? asked.asOf : defaultFilters([]).asOf;
  const noAccess = (
    <NoAccess
      district={asked.district}
      asOf={asOf}
      notice={user.role === 'CURATOR' ? ui.noAccess.curator : ui.noAccess.data}
    />
  );
  if (!seesWardsOf(user, id)) return noAccess;
  const { curator, notices, forbidden } = await loadCuratorWards(token, id, asOf);
  if (forbidden && !curator) return noAccess;
  const home = curator?.district?.code;
  // Another district picked on a curator's page: that district's curators.
  if (home && asked.district && asked.district !== home)
    redirect(`/curators?${filtersQuery({ district: asked.district, asOf })}`);
  // The URL always names the view it shows, so it can be shared as it is.
  if ((home && asked.district !== home) || asOf !== asked.asOf)
    redirect(
      `/curators/${encodeURIComponent(id)}?${filtersQuery({ district: home ?? asked.district, asOf })}`,
    );

  const back = `/curators?${filtersQuery({ district: home ?? asked.district, asOf })}`;
  const wards = curator ? curatorWardsTable(curator.assignments, asOf) : null;
  const overdue = curator?.assignments.filter((assignment) => assignment.overdue).length ?? 0;
  return (
    <>
      <header className="page-header">
        <p>
          <Link href={back}>← {ui.curator.back}</Link>
        </p>
        <h1>{curator?.fullName ?? ui.nav[1].label}</h1>
        {curator && (
          <p>
            {curator.position}, {curator.agency?.name ?? ui.noData}
          </p>
        )}
        <p className="muted">{ui.dataOn(formatDate(asOf))}</p>
      </header>
      <Notices notices={notices} />
      {curator &&
        wards &&
        (curator.assignments.length > 0 ? (
          <TablePanel
            id="wards"
            title={ui.curator.wardsTitle(formatDate(asOf))}
            note={
              <p className="muted">
                {ui.curators.overdueSummary(formatNumber(curator.assignments.length), formatNumber(overdue))}
              </p>
            }
            table={wards}
            csvFileName={`curator-wards-${asOf}.csv`}
          />
        ) : (
          <p className="empty-state">{ui.curator.none}</p>
        ))}
    </>
  );
});

/** Another curator's page, for a user who may not see their wards. */
function NoAccess({
  district,
  asOf,
  notice,
}: {
  district: string | undefined;
  asOf: string;
  notice: string;
}) {
  return (
    <>
      <header className="page-header">
        <p>
          <Link href={`/curators?${filtersQuery({ district, asOf })}`}>← {ui.curator.back}</Link>
        </p>
        <h1>{ui.nav[1].label}</h1>
      </header>
      <div className="notice" role="status" id="no-access">
        <p>{notice}</p>
      </div>
    </>
  );
}
