/** Raw SQL on a service's database or on one of its transactions (a Prisma client offers both methods). */
export interface SqlClient {
  $queryRawUnsafe<Row = unknown>(query: string, ...values: unknown[]): PromiseLike<Row>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** A database that runs work in a transaction, handing it the transaction's own client (a Prisma client does). */
export interface TransactionalClient<Tx extends SqlClient> {
  $transaction<Result>(work: (tx: Tx) => Promise<Result>): PromiseLike<Result>;
}
