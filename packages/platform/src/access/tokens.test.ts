import { afterEach, describe, expect, test, vi } from 'vitest';
import { authenticatorFromEnv, signDevelopmentToken } from './tokens.ts';

const claims = { sub: 'commission-hill', role: 'COMMISSION', district: 'hill' } as const;

describe('a verified token, remembered', () => {
  afterEach(() => vi.useRealTimers());

  test('is refused once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const authenticate = authenticatorFromEnv({});
    const token = `Bearer ${await signDevelopmentToken(claims, { expiresIn: '30s' })}`;
    await expect(authenticate(token)).resolves.toMatchObject({ userId: 'commission-hill' });
    vi.setSystemTime(Date.now() + 31_000);
    await expect(authenticate(token)).rejects.toThrow('it has expired');
  });

  test('does not vouch for the same claims under another signature', async () => {
    const authenticate = authenticatorFromEnv({});
    const token = await signDevelopmentToken(claims);
    await authenticate(`Bearer ${token}`);
    const [header, payload, signature = ''] = token.split('.');
    const forged = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
    await expect(authenticate(`Bearer ${forged}`)).rejects.toThrow('The token was refused');
  });
});
