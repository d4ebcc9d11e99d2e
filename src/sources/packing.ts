/**
 * Events across a thread hop. A parsing worker runs the stateless first half of reading
 * (`prepareRecord`) and packs the result into a flat array, which is cheap to send; the
 * folding thread unpacks it and runs the second half (`EventReader.readPrepared`).
 * Attributes text repeated on a task's next event crosses only once.
 */
import { boundedSet, isOutcome, prepareRecord, type Prepared, type ReadOutcome } from '../core';

/**
 * `[0, ...prepared fields in PREPARED_KEYS order, flags]`, or `[1, reason]` for a
 * rejection, or `[2, type]` for a type the engine does not use.
 */
export type PackedRecord = unknown[];

const PREPARED_KEYS = [
  'sid', 'type', 'ts', 'taskSid', 'taskAttributes', 'queueSid', 'queueName', 'channel', 'reason', 'reservationSid',
  'workerSid', 'workerName', 'workerAttributes', 'activityName', 'previousActivityName', 'previousActivityMs', 'workflowName',
] as const satisfies readonly (keyof Prepared)[];

const TASK_ATTRIBUTES_REPEATED = 1;
const WORKER_ATTRIBUTES_REPEATED = 2;

/**
 * Both ends keep the same table of the last attributes text per sid. The two tables see
 * the same operations in the same order, so they stay identical, evictions included.
 */
class TextTable {
  private readonly last = new Map<string, string>();

  /** Sender: true when `text` is what was last sent for `sid`; otherwise remembers it. */
  repeat(sid: unknown, text: unknown): boolean {
    if (typeof sid !== 'string' || typeof text !== 'string') return false;
    if (this.last.get(sid) === text) return true;
    boundedSet(this.last, sid, text);
    return false;
  }

  /** Receiver: the text for `sid`, given what was sent and whether it was a repeat. */
  restore(sid: unknown, sent: unknown, repeated: boolean): unknown {
    if (typeof sid !== 'string') return sent;
    if (repeated) return this.last.get(sid);
    if (typeof sent === 'string') boundedSet(this.last, sid, sent);
    return sent;
  }
}

/** The sending end: records in, packed records out, in order. */
export class RecordPacker {
  private readonly tasks = new TextTable();
  private readonly workers = new TextTable();

  pack(record: unknown): PackedRecord {
    const out = prepareRecord(record);
    if (isOutcome(out)) return out.kind === 'ignored' ? [2, out.type] : [1, out.kind === 'rejected' ? out.reason : ''];
    let flags = 0;
    if (this.tasks.repeat(out.taskSid, out.taskAttributes)) {
      flags |= TASK_ATTRIBUTES_REPEATED;
      out.taskAttributes = undefined;
    }
    if (this.workers.repeat(out.workerSid, out.workerAttributes)) {
      flags |= WORKER_ATTRIBUTES_REPEATED;
      out.workerAttributes = undefined;
    }
    const packed: unknown[] = [0];
    for (const k of PREPARED_KEYS) packed.push(out[k]);
    packed.push(flags);
    return packed;
  }
}

/** The receiving end of one `RecordPacker`, used in the order it packed. */
export class RecordUnpacker {
  private readonly tasks = new TextTable();
  private readonly workers = new TextTable();

  unpack(p: PackedRecord): Prepared | ReadOutcome {
    if (p[0] === 2) return { kind: 'ignored', type: String(p[1]) };
    if (p[0] !== 0) return { kind: 'rejected', reason: String(p[1]) };
    const flags = p[18] as number;
    // A literal with the fields in PREPARED_KEYS order, so every event has one shape.
    return {
      sid: p[1], type: p[2], ts: p[3], taskSid: p[4],
      taskAttributes: this.tasks.restore(p[4], p[5], (flags & TASK_ATTRIBUTES_REPEATED) !== 0),
      queueSid: p[6], queueName: p[7], channel: p[8], reason: p[9], reservationSid: p[10], workerSid: p[11],
      workerName: p[12],
      workerAttributes: this.workers.restore(p[11], p[13], (flags & WORKER_ATTRIBUTES_REPEATED) !== 0),
      activityName: p[14], previousActivityName: p[15], previousActivityMs: p[16], workflowName: p[17],
    } as Prepared;
  }
}

/** Packed record's event time (for the sender's watermark), or undefined. */
export function packedTime(p: PackedRecord): number | undefined {
  return p[0] === 0 ? (p[3] as number) : undefined;
}
