import type { Metadata } from 'next';
import { ComingSoon } from '../../components/ComingSoon.tsx';
import { ui } from '../../lib/labels.ts';

const title = ui.nav[3].label;
export const metadata: Metadata = { title };

export default function ResourceCentresPage() {
  return <ComingSoon title={title} />;
}
