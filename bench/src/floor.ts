/**
 * The raw-SQL floor, as a process of its own: a minimal HTTP server that answers each operation of
 * the benchmark (`POST /<operation>` with the variables as the body) by its hand-written SQL, one
 * query per subgraph, over `pg` with a pool the size of a service's. No GraphQL, no ORM.
 */
import http from 'node:http';
import pg from 'pg';
import { operationNamed } from './operations.ts';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  // As the services' connections: no JIT compilation for these short queries.
  options: '-c jit=off',
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const port = Number(process.env.FLOOR_PORT ?? 4120);

const server = http.createServer(async (request, response) => {
  if (request.method === 'GET' && request.url === '/ready') {
    response.writeHead(200).end('ready');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const operation = operationNamed((request.url ?? '').slice(1));
    const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const data = await operation.floor(pool, variables);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  } catch (error) {
    response
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: String(error) }));
  }
});
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
