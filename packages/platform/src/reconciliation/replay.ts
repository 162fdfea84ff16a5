import type { createSubgraphBuilder } from '../builder.ts';
import type { SubgraphContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { type Producer, producers } from '../events/catalogue.ts';
import { isUuid } from '../input.ts';
import { largestIdFilter } from './facts.ts';

type SubgraphBuilder<Context extends SubgraphContext> = ReturnType<typeof createSubgraphBuilder<Context>>;

/** The mutation that asks a consumer to apply a producer's events again: what `reconcile --repair` calls. */
export function replayMutationOf(consumer: string): string {
  return `replay${consumer.charAt(0).toUpperCase()}${consumer.slice(1)}Events`;
}

/**
 * Adds `replay<Service>Events(producer:, familyIds:)` to a consuming service: administrators only, it
 * applies again the producer's events of those families whatever the consumer's cursor says, its
 * reactions being convergent (`EventConsumer.replay`).
 */
export function addEventReplay<Context extends SubgraphContext>(
  builder: SubgraphBuilder<Context>,
  { service }: { service: string },
) {
  const mutation = replayMutationOf(service);
  const ReplayInput = builder.inputType(`${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`, {
    description: 'Which producer’s events to apply again, and for which families.',
    fields: (t) => ({
      producer: t.string({
        description: `The producing service (${producers.join(', ')}); one this service follows.`,
      }),
      familyIds: t.idList({
        required: false,
        description:
          `The families whose events to apply again (${largestIdFilter} at most); absent, every event of the ` +
          'producer (an agency’s events concern no family: the directory’s are replayed whole).',
      }),
    }),
  });
  builder.mutationField(mutation, (t) =>
    t.int({
      description:
        `Applies again the events a producer wrote, for some families, in the ${service} service: its reactions ` +
        'converge, so what is already applied changes nothing and what drifted is brought back in line ' +
        '(`npm run reconcile -- --repair`). Administrators only. Answers how many events were applied.',
      args: { input: t.arg({ type: ReplayInput, description: 'What to replay.' }) },
      resolve: async (_root, { input: { producer, familyIds } }, context) => {
        context.access.require(context.access.principal.role === 'ADMIN', 'replaying events');
        const events = context.events;
        if (!events?.producers.includes(producer as Producer)) {
          throw badInput('input.producer', `${service} does not follow this producer’s events`);
        }
        if (familyIds && familyIds.length > largestIdFilter) {
          throw badInput('input.familyIds', `at most ${largestIdFilter} at once`);
        }
        if (familyIds?.some((id) => !isUuid(id))) {
          throw badInput('input.familyIds', 'must be family identifiers');
        }
        return events.replay(producer as Producer, familyIds ?? null);
      },
    }),
  );
}
