import type { ChangeKind } from '@kdn/prisma/programmes';
import type { z } from 'zod';

/** What each kind of change carries (clause 3.4); a field another kind needs is refused, not ignored. */
const fieldsOfKind: Record<ChangeKind, ReadonlyArray<'measureId' | 'priority' | 'measure'>> = {
  PRIORITY_CHANGED: ['measureId', 'priority'],
  MEASURE_EXCLUDED: ['measureId'],
  MEASURE_ADDED: ['measure'],
  AGENCY_INVOLVED: ['measure'],
};

export interface Proposal {
  kind: ChangeKind;
  measureId?: string | null;
  priority?: boolean | null;
  measure?: object | null;
}

export function checkKind(input: Proposal, ctx: z.RefinementCtx): void {
  for (const name of ['measureId', 'priority', 'measure'] as const) {
    const needed = fieldsOfKind[input.kind].includes(name);
    if (needed && input[name] == null) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required for ${input.kind}` });
    } else if (!needed && input[name] != null) {
      ctx.addIssue({ code: 'custom', path: [name], message: `must be empty for ${input.kind}` });
    }
  }
}
