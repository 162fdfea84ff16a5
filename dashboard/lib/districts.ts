import { cache } from 'react';
import { describeErrors, queryGateway } from './gateway.ts';

export interface DistrictRef {
  code: string;
  name: string;
}

export const districtsQuery = 'query Districts { districts { code name } }';

/** Every district, by name; fetched once per request however many components ask. */
export const listDistricts = cache(async (token: string) => {
  const { data, errors } = await queryGateway<{ districts: DistrictRef[] | null }>(token, districtsQuery);
  return { districts: data?.districts ?? [], notices: describeErrors(errors) };
});
