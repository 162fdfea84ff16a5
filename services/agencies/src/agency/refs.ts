import { defineAgencyKind } from '@kdn/platform';
import type { Agency as AgencyRecord } from '@kdn/prisma/agencies';
import { builder } from '../builder.ts';

export const AgencyKindEnum = defineAgencyKind(builder);

export const Agency = builder.objectRef<AgencyRecord>('Agency');
