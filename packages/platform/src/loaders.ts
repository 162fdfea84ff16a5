import DataLoader from 'dataloader';

/**
 * A DataLoader over one `findMany` by keys: every key asked for in one tick of a request becomes
 * one SQL statement, and the results come back in the order of the keys (null where none).
 */
export function loaderByKey<Key, Row>(
  load: (keys: Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row | null> {
  return new DataLoader(async (keys) => {
    const rows = await load([...keys]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** As `loaderByKey`, for one-to-many relations: each key gets the list of rows that belong to it. */
export function loaderOfLists<Key, Row>(
  load: (keys: Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = await load([...keys]);
    const groups = new Map<Key, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** For a relation the database guarantees (a foreign key): a missing row is a bug, not a client error. */
export async function present<Row>(row: Promise<Row | null>, what: string): Promise<Row> {
  const value = await row;
  if (value === null) throw new Error(`missing ${what}`);
  return value;
}

/**
 * Batches a per-district figure: every district asked for with the same parameters in one tick of a
 * request is answered by one SQL aggregate. Districts the query returns no row for get `empty`.
 */
export function districtFigures<Params, Figure extends object>(
  query: (districtCodes: string[], params: Params) => Promise<Array<{ districtCode: string } & Figure>>,
  empty: Figure,
) {
  const cacheKey = ({ districtCode, params }: { districtCode: string; params: Params }) =>
    `${districtCode}|${JSON.stringify(params)}`;
  return new DataLoader<{ districtCode: string; params: Params }, Figure, string>(
    async (keys) => {
      const groups = new Map<string, { params: Params; codes: string[] }>();
      for (const { districtCode, params } of keys) {
        const group = groups.get(JSON.stringify(params)) ?? { params, codes: [] };
        group.codes.push(districtCode);
        groups.set(JSON.stringify(params), group);
      }
      const figures = new Map<string, Figure>();
      for (const { params, codes } of groups.values()) {
        for (const { districtCode, ...figure } of await query(codes, params)) {
          figures.set(cacheKey({ districtCode, params }), figure as unknown as Figure);
        }
      }
      return keys.map((key) => figures.get(cacheKey(key)) ?? empty);
    },
    { cacheKeyFn: cacheKey },
  );
}
