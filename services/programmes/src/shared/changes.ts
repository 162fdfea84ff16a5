import { badInput } from '@kdn/platform';
import { Prisma } from '@kdn/prisma/programmes';

/**
 * Runs a write whose number must be unique (a programme's in its district, a protocol's at its
 * centre). The check before the write names the field in the common case; this names it when two
 * writers race past the check and the unique index refuses the second.
 */
export async function unlessTaken<Result>(
  write: () => Promise<Result>,
  field: string,
  message: string,
): Promise<Result> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw badInput(field, message);
    }
    throw error;
  }
}
