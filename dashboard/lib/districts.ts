import { cache } from 'react';
import { queryGateway } from './gateway.ts';
import type { DistrictsQuery } from './generated/graphql.ts';
import { graphql } from './generated/index.ts';
import { describeErrors } from './notices.ts';

export type DistrictRef = NonNullable<DistrictsQuery['districts']>[number];

export const districtsQuery = graphql(`query Districts { districts { code name } }`);

/** Every district, by name; fetched once per request however many components ask. */
export const listDistricts = cache(async (token: string) => {
  const { data, errors } = await queryGateway(token, districtsQuery, {});
  return { districts: data?.districts ?? [], notices: describeErrors(errors) };
});
