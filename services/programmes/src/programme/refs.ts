import { type Programme as ProgrammeRecord, ProgrammeStatus } from '@kdn/prisma/programmes';
import { builder } from '../builder.ts';

export const Programme = builder.objectRef<ProgrammeRecord>('Programme');

/**
 * The subgraph's enums give each value the Russian term agencies use: the resolution found that
 * different agencies understood the terms differently, so the API states them once.
 */
export const ProgrammeStatusEnum = builder.enumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description:
    'Where a programme (МИПСР) stands: DRAFT → APPROVED ⇄ UNDER_REVIEW, APPROVED → COMPLETED; any but COMPLETED → ' +
    'ENDED_OFF_REGISTER when the family leaves the register.',
  values: {
    DRAFT: { description: 'Drafted, not yet approved by the working group (проект программы).' },
    APPROVED: { description: 'Approved at a working-group meeting and being carried out (утверждена).' },
    UNDER_REVIEW: {
      description:
        'Changes the curator proposed await the working group’s decision (clause 3.4; на корректировке).',
    },
    COMPLETED: {
      description: 'Finished: the results were presented to the commission (clause 6.4; завершена).',
    },
    ENDED_OFF_REGISTER: {
      description:
        'Ended on the day the commission closed the family’s registration (снятие с учёта), before the results ' +
        'were presented: the programme is for a family on the register, so a family taken off it has none in ' +
        'force from that day (`endedOn`, `endReason`). Its undone measures and reports not yet due by then stop ' +
        'falling due (NO_LONGER_DUE); nothing is changed in it any more (прекращена в связи со снятием с учёта).',
    },
  },
});
