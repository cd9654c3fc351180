/**
 * Writing a snapshot's values, never half-done:
 * - InnoDB (4.x): one transaction; a failure rolls everything back.
 * - MyISAM (3.x, no transactions): the items in order; on any failure the items already written
 *   get their snapshot values back, then the error is reported as "nothing changed".
 * Recovery after a crash (reconcileSnapshot) finishes an interrupted apply when every row holds
 * either its before or its after value, and undoes it when someone else changed a row meanwhile.
 * Rollback (restoreSnapshot) restores only rows still holding the task's values.
 */
import type { OcConnection } from './opencart-db';
import { classify, describeValue, readCurrent, writeItem, type ItemState, type Snapshot, type SnapshotItem } from './opencart-snapshot';

/** Test hook: awaited after each write of apply (the crash test SIGKILLs the process there). */
export type AfterWrite = (index: number, item: SnapshotItem) => Promise<void> | void;

export class ApplyFailed extends Error {
  constructor(
    message: string,
    /** False when the restore itself failed: the shop may be half-changed. */
    readonly restored: boolean,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'ApplyFailed';
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function applySnapshot(connection: OcConnection, snapshot: Snapshot, afterWrite?: AfterWrite): Promise<void> {
  if (snapshot.transactional) {
    await connection.beginTransaction();
    try {
      for (const [index, item] of snapshot.items.entries()) {
        await writeItem(connection, snapshot, item, 'after');
        await afterWrite?.(index, item);
      }
      await connection.commit();
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw new ApplyFailed(`Nothing changed (transaction rolled back): ${reason(error)}`, true, error);
    }
    return;
  }
  const written: SnapshotItem[] = [];
  try {
    for (const [index, item] of snapshot.items.entries()) {
      written.push(item);
      await writeItem(connection, snapshot, item, 'after');
      await afterWrite?.(index, item);
    }
  } catch (error) {
    try {
      for (const item of written.reverse()) await writeItem(connection, snapshot, item, 'before');
    } catch (restoreError) {
      throw new ApplyFailed(`Writing failed (${reason(error)}) and restoring the snapshot failed too (${reason(restoreError)}): the shop may be half-changed; recovery retries the restore`, false, error);
    }
    throw new ApplyFailed(`Nothing changed (the snapshot was written back): ${reason(error)}`, true, error);
  }
}

export interface ItemReading {
  item: SnapshotItem;
  current: string | number[] | null;
  state: ItemState;
}

export async function readStates(connection: OcConnection, snapshot: Snapshot): Promise<ItemReading[]> {
  const readings: ItemReading[] = [];
  for (const item of snapshot.items) {
    const current = await readCurrent(connection, snapshot, item);
    readings.push({ item, current, state: classify(item, current) });
  }
  return readings;
}

export type ReconcileVerdict = { status: 'applied' | 'not_applied' | 'finished' | 'undone_conflict'; evidence: string };

/** After a crash between the snapshot and the outcome: find out, and finish or undo. */
export async function reconcileSnapshot(connection: OcConnection, snapshot: Snapshot): Promise<ReconcileVerdict> {
  const readings = await readStates(connection, snapshot);
  const count = (state: ItemState) => readings.filter((reading) => reading.state === state).length;
  if (count('after') === readings.length) return { status: 'applied', evidence: `All ${readings.length} snapshot rows hold the task's values` };
  if (count('before') === readings.length) return { status: 'not_applied', evidence: `All ${readings.length} snapshot rows still hold their previous values: nothing was written` };
  if (count('other') === 0) {
    for (const reading of readings) if (reading.state === 'before') await writeItem(connection, snapshot, reading.item, 'after');
    return { status: 'finished', evidence: `The apply was interrupted after ${count('after')} of ${readings.length} rows; recovery wrote the remaining ${count('before')} from the snapshot` };
  }
  const others = readings.filter((reading) => reading.state === 'other');
  for (const reading of readings) if (reading.state === 'after') await writeItem(connection, snapshot, reading.item, 'before');
  return {
    status: 'undone_conflict',
    evidence: `The apply was interrupted and ${others.length} row(s) were changed by someone else meanwhile (${others.map((o) => `${o.item.label}: ${describeValue(o.current)}`).join('; ')}); the rows the task had written were put back`,
  };
}

export interface RestoreResult {
  restored: string[];
  leftAlone: { what: string; why: string }[];
}

/** Rollback: rows still holding the task's values get their snapshot value back; others are listed and left alone. */
export async function restoreSnapshot(connection: OcConnection, snapshot: Snapshot): Promise<RestoreResult> {
  const readings = await readStates(connection, snapshot);
  const result: RestoreResult = { restored: [], leftAlone: [] };
  const toRestore: ItemReading[] = [];
  const touched = new Set<number>();
  for (const reading of readings) {
    if (reading.item.kind === 'date_modified') continue;
    if (reading.state === 'after') {
      toRestore.push(reading);
      touched.add(reading.item.productId);
    } else if (reading.state === 'before') {
      result.leftAlone.push({ what: reading.item.label, why: 'already holds its previous value' });
    } else {
      result.leftAlone.push({ what: reading.item.label, why: `changed since by someone else: now ${describeValue(reading.current)}, the task wrote ${describeValue(reading.item.kind === 'categories' ? reading.item.after : reading.item.after)}` });
    }
  }
  // date_modified goes back only where the product holds nothing but the task's own edits.
  const conflicted = new Set(readings.filter((r) => r.state === 'other' && r.item.kind !== 'date_modified').map((r) => r.item.productId));
  for (const reading of readings) {
    if (reading.item.kind === 'date_modified' && reading.state === 'after' && touched.has(reading.item.productId) && !conflicted.has(reading.item.productId)) toRestore.push(reading);
  }
  if (snapshot.transactional) await connection.beginTransaction();
  try {
    for (const reading of toRestore) {
      await writeItem(connection, snapshot, reading.item, 'before');
      if (reading.item.kind !== 'date_modified') result.restored.push(reading.item.label);
    }
    if (snapshot.transactional) await connection.commit();
  } catch (error) {
    if (snapshot.transactional) await connection.rollback().catch(() => undefined);
    throw error;
  }
  return result;
}
