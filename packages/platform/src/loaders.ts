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
 * Batches a figure of records keyed by a string (a district's code, a resource centre's id): every
 * key asked for with the same parameters in one tick of a request is answered by one SQL aggregate.
 * Keys the query has no figure for get `empty`.
 */
export function figuresByKey<Params extends object, Figure>(
  query: (keys: string[], params: Params) => Promise<Map<string, Figure>>,
  empty: Figure,
) {
  // Each load brings its own params object; it is serialised once, however often it is compared
  // (a page of the country's resource centres is thousands of loads).
  const serialised = new WeakMap<Params, string>();
  const paramsKey = (params: Params) => {
    let key = serialised.get(params);
    if (key === undefined) {
      key = serialise(params);
      serialised.set(params, key);
    }
    return key;
  };
  const cacheKey = ({ key, params }: { key: string; params: Params }) => `${key}|${paramsKey(params)}`;
  return new DataLoader<{ key: string; params: Params }, Figure, string>(
    async (requests) => {
      const groups = new Map<string, { params: Params; keys: string[] }>();
      for (const { key, params } of requests) {
        const serialisedParams = paramsKey(params);
        const group = groups.get(serialisedParams) ?? { params, keys: [] };
        group.keys.push(key);
        groups.set(serialisedParams, group);
      }
      const figures = new Map<string, Map<string, Figure>>();
      for (const [serialisedParams, { params, keys }] of groups) {
        figures.set(serialisedParams, await query(keys, params));
      }
      return requests.map(({ key, params }) => figures.get(paramsKey(params))?.get(key) ?? empty);
    },
    { cacheKeyFn: cacheKey },
  );
}

/**
 * A figure's params as a string, dates as their time: `JSON.stringify` formats each date as ISO
 * text, which costs the country's resource centres' page about 20 ms.
 */
function serialise(params: object): string {
  if (params instanceof Date) return String(params.getTime());
  let key = '';
  for (const [name, value] of Object.entries(params)) {
    key += `${name}=${value instanceof Date ? value.getTime() : JSON.stringify(value)};`;
  }
  return key;
}

/** `figuresByKey` for a per-district figure whose rows name their district. */
export function districtFigures<Params extends object, Figure extends object>(
  query: (districtCodes: string[], params: Params) => Promise<Array<{ districtCode: string } & Figure>>,
  empty: Figure,
) {
  const byKey = figuresByKey<Params, Figure>(
    async (codes, params) =>
      new Map(
        (await query(codes, params)).map(({ districtCode, ...figure }) => [
          districtCode,
          figure as unknown as Figure,
        ]),
      ),
    empty,
  );
  return {
    load: ({ districtCode, params }: { districtCode: string; params: Params }) =>
      byKey.load({ key: districtCode, params }),
  };
}
