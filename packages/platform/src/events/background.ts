import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs database work that belongs to no client request: events read by a peer and applied by a
 * consumer. Its statements are counted apart, so that a request's statement count (the tests' proof
 * of no N+1) does not depend on what the federation happens to be doing meanwhile.
 */
export function inBackground<Result>(work: () => PromiseLike<Result>): Promise<Result> {
  // Awaited inside: a Prisma query is a lazy thenable that runs when `then` is called, which must
  // happen within the background context for its statement to be counted apart.
  return background.run(true, async () => await work());
}

export function isBackgroundWork(): boolean {
  return background.getStore() === true;
}
