import { setTimeout as sleep } from 'node:timers/promises';
import { graphqlData } from '@kdn/platform/testing';
import type { Stack } from '../stack.ts';

/** Retries an assertion until it holds, for at most `withinMs`: what a consumer does by itself takes a moment. */
export async function eventually<T>(check: () => Promise<T>, withinMs = 10_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

export async function registrationOf(stack: Stack, familyId: string) {
  const { family } = await graphqlData<{
    family: { registrations: Array<{ id: string; version: number; open: boolean }> };
  }>(stack.gateway, 'query ($id: ID!) { family(id: $id) { registrations { id version open } } }', {
    id: familyId,
  });
  const open = family.registrations.find((registration) => registration.open);
  if (!open) throw new Error(`family ${familyId} has no open registration`);
  return open;
}

export const closeRegistrationMutation = `mutation ($input: CloseRegistrationInput!) {
  closeRegistration(input: $input) { id closedOn version }
}`;

/** Takes a family off the register through the gateway, by resolution 77/3 of the given day. */
export async function closeRegistration(stack: Stack, familyId: string, date: string) {
  const registration = await registrationOf(stack, familyId);
  return graphqlData(stack.gateway, closeRegistrationMutation, {
    input: {
      registrationId: registration.id,
      version: registration.version,
      reason: 'SITUATION_IMPROVED',
      resolution: { number: '77/3', date },
    },
  });
}
