/** Liveness for `npm start` and the browser tests: the dashboard's server answers. */
export function GET() {
  return Response.json({ status: 'ok' });
}
