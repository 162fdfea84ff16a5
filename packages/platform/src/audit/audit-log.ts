import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../access/principal.ts';
import type { Logger } from '../logger.ts';
import type { SqlClient } from '../sql-client.ts';

/**
 * The audit of personal data (clause 3.1 of the curator regulation): every read of a family's or a
 * minor's personal data, and every write, leaves a record in the service that owns the data. The
 * `AuditRecord` table is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, whatever the role.
 */
export interface AuditRecord {
  action: 'READ' | 'WRITE';
  /** The GraphQL operation's name, or the mutation's field for a write. */
  operation: string | null;
  requestId: string;
  userId: string;
  role: string;
  familyIds: string[];
  minorIds: string[];
  /** The fields read (`Type.field`), or for a write the fields its input set. */
  fields: string[];
  /** For a write: what it changed, as the mutation's input and the record it wrote. */
  changes: unknown;
}

const insertColumns = `"requestId", "userId", role, action, operation, "familyIds", "minorIds", fields, changes`;
const recordsetShape = `"requestId" text, "userId" text, role text, action text, operation text, "familyIds" uuid[], "minorIds" uuid[], fields text[], changes jsonb`;

/** One statement for any number of records. */
export async function insertAuditRecords(db: SqlClient, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "AuditRecord" (${insertColumns}) SELECT ${insertColumns} FROM jsonb_to_recordset($1::jsonb) AS r(${recordsetShape})`,
    JSON.stringify(records),
  );
}

const writingAudit = new AsyncLocalStorage<true>();

/** Whether the statement being sent is the audit writer's batch (counted apart from the requests' own). */
export function isAuditBatch(): boolean {
  return writingAudit.getStore() === true;
}

/**
 * Read records, batched across requests: a request hands its record over when it answers and does
 * not wait for the insert. The writer sends whatever has gathered in one statement 50 ms after the
 * first record, or at once when 500 are waiting; a batch taken while an insert runs waits for it and
 * then takes everything gathered meanwhile. `flush()` writes what is waiting (the audit queries and
 * shutdown call it), so nothing handed over is lost while the process lives.
 */
export class AuditWriter {
  private waiting: AuditRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: SqlClient,
    private readonly log: Logger,
    private readonly delayMs = 50,
    private readonly batchSize = 500,
  ) {}

  add(record: AuditRecord): void {
    this.waiting.push(record);
    if (this.waiting.length >= this.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes every record handed over so far; resolves once they are in the table. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeWaiting());
    return this.writing;
  }

  private async writeWaiting(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    try {
      await writingAudit.run(true, () => insertAuditRecords(this.db, batch));
    } catch (error) {
      // The audit must not be lost quietly: put the batch back for the next flush and say so.
      this.waiting.unshift(...batch);
      // Tried again in a second, not at once: a database out of reach would fill the log otherwise.
      this.timer ??= setTimeout(() => void this.flush(), 1000);
      this.log.error({ err: error, records: batch.length }, 'audit batch not written');
    }
  }
}

/**
 * One request's reads of personal data, gathered while it resolves and handed to the writer as
 * one record when it answers.
 */
export class AuditTrail {
  private readonly families = new Set<string>();
  private readonly minors = new Set<string>();
  private readonly fields = new Set<string>();

  constructor(
    private readonly writer: AuditWriter | undefined,
    private readonly principal: Principal | undefined,
    private readonly requestId: string,
  ) {}

  read({ familyId, minorId }: { familyId: string; minorId?: string | null }, field: string): void {
    this.families.add(familyId);
    if (minorId) this.minors.add(minorId);
    this.fields.add(field);
  }

  /** Writes every read record waiting, this request's earlier ones included: before the audit is read. */
  async flush(): Promise<void> {
    await this.writer?.flush();
  }

  /** Hands the request's record to the writer, if it read any personal data; says whether it did. */
  close(operation: string | null): boolean {
    if (this.families.size === 0) return false;
    if (!this.writer || !this.principal) return true;
    this.writer.add({
      action: 'READ',
      operation,
      requestId: this.requestId,
      userId: this.principal.userId,
      role: this.principal.role,
      familyIds: [...this.families],
      minorIds: [...this.minors],
      fields: [...this.fields].sort(),
      changes: null,
    });
    this.families.clear();
    this.minors.clear();
    this.fields.clear();
    return true;
  }
}
