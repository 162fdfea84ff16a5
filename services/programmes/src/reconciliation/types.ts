import { addEventReplay, addReconciliationFacts } from '@kdn/platform';
import { builder } from '../builder.ts';
import { programmeFacts } from './figures.ts';

addReconciliationFacts(builder, { programmes: ({ db }, query) => programmeFacts(db, query) });
addEventReplay(builder, { service: 'programmes' });
