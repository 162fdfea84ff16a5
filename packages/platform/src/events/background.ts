import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs database work that belongs to no client request: events read by a peer and applied by a
 * consumer. Its statements are counted apart, so that a request's statement count (the tests' proof
 * of no N+1) does not depend on what the federation happens to be doing meanwhile.
 */
export function inBackground<Result>(work: () => Result): Result {
  return background.run(true, work);
}

export function isBackgroundWork(): boolean {
  return background.getStore() === true;
}
