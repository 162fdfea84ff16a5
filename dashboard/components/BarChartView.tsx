'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../lib/format.ts';

export interface Series {
  key: string;
  label: string;
  color: string;
}

const axis = '#9aa5b1';
const tick = { fontSize: 13, fill: '#3e4c59' };

/**
 * Horizontal bars, one row per category: long Russian names stay readable on the axis. The series
 * are stacked, or side by side when `grouped` (figures that do not add up, such as curators and families).
 */
export function BarChartView({
  data,
  category,
  series,
  grouped = false,
  labelWidth = 230,
}: {
  /** A null figure draws no bar. */
  data: Array<Record<string, string | number | null>>;
  category: string;
  series: Series[];
  grouped?: boolean;
  /** The width of the category names beside the bars, in pixels. */
  labelWidth?: number;
}) {
  // Room for the longest name as it wraps between words: about 10 px a character, 16 px a line.
  const lines = Math.max(
    1,
    ...data.map((row) => Math.ceil(String(row[category]).length / (labelWidth / 10))),
  );
  const rowHeight = Math.max(grouped ? 16 + series.length * 16 : 40, 8 + lines * 16);
  return (
    <ResponsiveContainer width="100%" height={60 + data.length * rowHeight}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} stroke="#e3e7ec" />
        <XAxis type="number" allowDecimals={false} tickFormatter={formatNumber} stroke={axis} tick={tick} />
        <YAxis type="category" dataKey={category} width={labelWidth} stroke={axis} tick={tick} />
        <Tooltip formatter={(value) => formatNumber(Number(value))} cursor={{ fill: '#eef2f6' }} />
        {series.length > 1 && (
          <Legend
            itemSorter={null}
            formatter={(label) => <span style={{ color: tick.fill }}>{label}</span>}
          />
        )}
        {series.map(({ key, label, color }) => (
          <Bar
            key={key}
            dataKey={key}
            name={label}
            fill={color}
            stackId={grouped ? undefined : 'all'}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
