import type { ResourceCentre as ResourceCentreRecord } from '@kdn/prisma/agencies';
import { builder } from '../builder.ts';

export const ResourceCentre = builder.objectRef<ResourceCentreRecord>('ResourceCentre');
