import { formatNumber } from '../lib/format.ts';
import { ui } from '../lib/labels.ts';
import { type DistrictOverview, staffTable } from '../lib/overview.ts';
import { BarChartView } from './BarChartView.tsx';
import { ChartPanel } from './ChartPanel.tsx';

/** The resource centre's staff schedule: posts filled and vacant by title. */
export function StaffPanel({
  districtCode,
  centre,
}: {
  districtCode: string;
  centre: NonNullable<DistrictOverview['resourceCentre']>;
}) {
  const { staff } = ui;
  return (
    <ChartPanel
      id="staff"
      title={staff.title}
      note={
        <>
          <p className="panel-lead">{centre.agency.name}</p>
          <p className="muted">
            {staff.head}: {staff.appointed(centre.headAppointed)} · {staff.secretary}:{' '}
            {staff.appointed(centre.secretaryAppointed)} ·{' '}
            {staff.totals(formatNumber(centre.staffFilled), formatNumber(centre.staffVacant))}
          </p>
          <p className="muted">{staff.current}</p>
        </>
      }
      chart={
        <BarChartView
          data={centre.staffPositions}
          category="title"
          series={[
            { key: 'filled', label: staff.filled, color: '#2f6f9f' },
            { key: 'vacant', label: staff.vacant, color: '#d9903d' },
          ]}
        />
      }
      table={staffTable(centre.staffPositions)}
      csvFileName={`staff-${districtCode}.csv`}
    />
  );
}
