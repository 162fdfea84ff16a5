import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { listDistricts } from '../lib/districts.ts';
import {
  filtersQuery,
  type Period,
  resolveFilters,
  resolvePeriod,
  type SearchParams,
  single,
} from '../lib/filters.ts';
import { GatewayUnavailableError, SignInRequiredError } from '../lib/gateway.ts';
import { ui } from '../lib/labels.ts';
import { readableDistricts, readsFigures } from '../lib/roles.ts';
import { requireSession, type Session } from '../lib/session.ts';
import { ErrorState } from './ErrorState.tsx';
import { PageHeader } from './PageHeader.tsx';
import { RoleNotice } from './RoleNotice.tsx';

/**
 * A page of figures: only for a signed-in user (otherwise off to `/sign-in`) whose role reads figures
 * (otherwise what the role can do here); a gateway that does not answer gets its own message, and a
 * token it refuses sends the user to sign in again.
 */
export function signedInPage<Props>(render: (props: Props, session: Session) => Promise<ReactNode>) {
  return async function SignedInPage(props: Props) {
    const session = await requireSession();
    if (!readsFigures(session.user)) return <RoleNotice user={session.user} />;
    try {
      return await render(props, session);
    } catch (error) {
      if (error instanceof GatewayUnavailableError)
        return <ErrorState {...ui.gatewayDown} retry={ui.retry} />;
      if (error instanceof SignInRequiredError) redirect('/sign-in?expired=1');
      throw error;
    }
  };
}

/** What a district's page shows: the district, the day, and the period of events (by default the year up to it). */
export interface DistrictView {
  code: string;
  asOf: string;
  period: Period;
  params: SearchParams;
}

interface DistrictPageOptions {
  /** The page's path, which its canonical URL starts with. */
  path: string;
  title: string;
  /** Whether the page counts events in a period, which its URL then names. */
  withPeriod?: boolean;
  /** More of the canonical URL's query, after the filters (`&sort=…&dir=…`). */
  moreQuery?: (params: SearchParams) => string;
}

/**
 * A page of one district's figures on a day: the district the URL names among those the user reads
 * (or their own, or the default), the date, and the period, all in the URL, which is redirected to
 * name them when it does not; a district the user's role may not read says so.
 */
export function districtPage(
  { path, title, withPeriod = false, moreQuery }: DistrictPageOptions,
  render: (view: DistrictView, session: Session) => Promise<ReactNode>,
) {
  return signedInPage<{ searchParams: Promise<SearchParams> }>(async ({ searchParams }, session) => {
    const params = await searchParams;
    const list = await listDistricts(session.token);
    const readable = readableDistricts(session.user, list.districts);
    const asked = single(params.district);
    const refused = list.districts.find(
      ({ code }) => code === asked && !readable.some((district) => district.code === code),
    );
    if (refused) return <PageHeader title={title} notices={[ui.noAccess.district(refused.name)]} />;
    const { district: code, asOf } = resolveFilters(
      params,
      readable.map((district) => district.code),
    );
    if (!code)
      return <PageHeader title={title} notices={list.notices.length > 0 ? list.notices : [ui.noDistricts]} />;
    const period = resolvePeriod(params, asOf);
    // The URL always names the view it shows, so it can be shared as it is.
    const canonical = new URLSearchParams(
      `${filtersQuery({ district: code, asOf }, withPeriod ? period : undefined)}${moreQuery?.(params) ?? ''}`,
    );
    if ([...canonical].some(([name, value]) => params[name] !== value)) redirect(`${path}?${canonical}`);
    return render({ code, asOf, period, params }, session);
  });
}
