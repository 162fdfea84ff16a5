import type { z } from 'zod';

/**
 * A refinement for lists: each item's key at most once, the repeat named by its index. An item its
 * input type refused is null here (the validation plugin still checks the list): its own error
 * stands, and it is skipped.
 */
export function distinct<Item>(keyOf: (item: Item) => unknown, message: string, path: PropertyKey[] = []) {
  return (items: Array<Item | null>, ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      if (item === null) return;
      const key = keyOf(item);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, ...path], message });
      seen.add(key);
    });
  };
}
