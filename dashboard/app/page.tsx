import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AgenciesPanel } from '../components/AgenciesPanel.tsx';
import { CaseloadPanel } from '../components/CaseloadPanel.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegisterFigure } from '../components/RegisterFigure.tsx';
import { StaffPanel } from '../components/StaffPanel.tsx';
import { listDistricts } from '../lib/districts.ts';
import { filtersQuery, resolveFilters, type SearchParams, yearStart } from '../lib/filters.ts';
import { formatDate } from '../lib/format.ts';
import { GatewayUnavailableError } from '../lib/gateway.ts';
import { ui } from '../lib/labels.ts';
import { loadOverview } from '../lib/overview.ts';

const title = ui.nav[0].label;
export const metadata: Metadata = { title };

type Props = { searchParams: Promise<SearchParams> };

export default async function OverviewPage(props: Props) {
  try {
    return await Overview(props);
  } catch (error) {
    if (error instanceof GatewayUnavailableError) return <ErrorState {...ui.gatewayDown} retry={ui.retry} />;
    throw error;
  }
}

async function Overview({ searchParams }: Props) {
  const params = await searchParams;
  const list = await listDistricts();
  const { district: code, asOf } = resolveFilters(
    params,
    list.districts.map((district) => district.code),
  );
  if (!code)
    return <PageHeader title={title} notices={list.notices.length > 0 ? list.notices : [ui.noDistricts]} />;
  // The URL always names the view it shows, so it can be shared as it is.
  if (code !== params.district || asOf !== params.asOf)
    redirect(`/?${filtersQuery({ district: code, asOf })}`);

  const { district, notices } = await loadOverview(code, asOf);
  return (
    <>
      <PageHeader
        title={district?.name ?? title}
        subtitle={district?.commission?.name}
        dates={ui.dataOn(formatDate(asOf))}
        notices={notices}
      />
      {district && (
        <>
          <div className="figures">
            <RegisterFigure
              id="register"
              title={ui.register.onDate(formatDate(asOf))}
              count={district.register}
            />
            <RegisterFigure
              id="registered-during"
              title={ui.register.during(formatDate(yearStart(asOf)), formatDate(asOf))}
              count={district.registeredDuring}
            />
          </div>
          {district.caseload &&
            (district.caseload.byAgencyKind.length > 0 ? (
              <CaseloadPanel districtCode={code} asOf={asOf} caseload={district.caseload} />
            ) : (
              <p className="empty-state">{ui.caseload.none}</p>
            ))}
          {district.resourceCentre ? (
            <StaffPanel districtCode={code} centre={district.resourceCentre} />
          ) : (
            <p className="empty-state">{ui.staff.none}</p>
          )}
          {district.agencies.length > 0 ? (
            <AgenciesPanel districtCode={code} agencies={district.agencies} />
          ) : (
            <p className="empty-state">{ui.agencies.none}</p>
          )}
        </>
      )}
    </>
  );
}
