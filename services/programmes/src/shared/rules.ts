import type { z } from 'zod';

/** A refinement for lists: each item's key at most once, the repeat named by its index. */
export function distinct<Item>(keyOf: (item: Item) => unknown, message: string, path: PropertyKey[] = []) {
  return (items: Item[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, ...path], message });
      seen.add(key);
    });
  };
}
