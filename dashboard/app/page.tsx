import type { Metadata } from 'next';
import { AgenciesPanel } from '../components/AgenciesPanel.tsx';
import { CaseloadPanel } from '../components/CaseloadPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegisterFigure } from '../components/RegisterFigure.tsx';
import { districtPage } from '../components/SignedInPage.tsx';
import { StaffPanel } from '../components/StaffPanel.tsx';
import { yearStart } from '../lib/filters.ts';
import { formatDate } from '../lib/format.ts';
import { ui } from '../lib/labels.ts';
import { loadOverview } from '../lib/overview.ts';
import { seesSuppressedFigures } from '../lib/roles.ts';

const title = ui.nav[0].label;
export const metadata: Metadata = { title };

export default districtPage({ path: '/', title }, async ({ code, asOf }, { token, user }) => {
  const { district, notices } = await loadOverview(token, code, asOf);
  return (
    <>
      <PageHeader
        title={district?.name ?? title}
        subtitle={district?.commission?.name}
        dates={ui.dataOn(formatDate(asOf))}
        notices={notices}
        suppressed={seesSuppressedFigures(user)}
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
});
