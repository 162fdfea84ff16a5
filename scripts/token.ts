/**
 * Prints a development token for the embedded demo:
 *   npm run token -- --user curator-belousova          (a demo user: packages/demo/src/users.ts)
 *   npm run token -- --role COMMISSION --district kirovsky
 *   npm run token -- --role INTEGRATOR --scope "aggregates:read cases:read"
 * Signed with the development key, which production refuses; valid for 8 hours (`--expires 1h`).
 */
import { parseArgs } from 'node:util';
import { demoUsers } from '@kdn/demo/users';
import { type Claims, signDevelopmentToken } from '@kdn/platform';

const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    role: { type: 'string' },
    district: { type: 'string' },
    agency: { type: 'string' },
    curator: { type: 'string' },
    scope: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});

function claimsFromOptions(): Claims | undefined {
  if (values.user) return demoUsers.find((user) => user.id === values.user)?.claims;
  if (!values.role) return undefined;
  return {
    sub: values.sub ?? `demo-${values.role.toLowerCase()}`,
    role: values.role as Claims['role'],
    ...(values.district ? { district: values.district } : {}),
    ...(values.agency ? { agency: values.agency } : {}),
    ...(values.curator ? { curator: values.curator } : {}),
    ...(values.scope ? { scope: values.scope } : {}),
  };
}

const claims = claimsFromOptions();
if (!claims) {
  console.error(
    'usage: npm run token -- --user DEMO_USER | --role COMMISSION|CURATOR|AGENCY|METHODOLOGIST|INTEGRATOR|ADMIN ' +
      '[--district CODE] [--agency ID] [--curator ID] [--scope "…"] [--sub USER] [--expires 8h]\n' +
      `demo users: ${demoUsers.map((user) => user.id).join(', ')}`,
  );
  process.exit(2);
}
console.log(await signDevelopmentToken(claims, { expiresIn: values.expires }));
