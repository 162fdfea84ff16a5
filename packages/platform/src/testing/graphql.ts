import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: GraphQLFormattedError[];
}

/** Posts one operation over real HTTP, as any client of the API would. */
export async function graphql<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<Data>;
}

/** The data of a response that must have succeeded; its errors, if any, fail the test with their messages. */
export async function graphqlData<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Data> {
  const { data, errors } = await graphql<Data>(url, query, variables);
  if (errors?.length || !data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(errors ?? 'no data')}`);
  }
  return data;
}
