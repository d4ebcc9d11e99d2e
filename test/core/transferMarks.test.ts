import {
  DEFAULT_CONFIG,
  HistoryFolder,
  TRANSFER_MARK,
  accessOf,
  conversationOfEvents,
  oneDay,
  transferMarksOf,
  type TrEvent,
} from '../../src/core';
import { EventReader } from '../../src/core';
import { at } from '../fixtures/builders';
import { ColdTransfer } from '../fixtures/scenarios';

const DAY = '2026-11-20';
const ann = accessOf({ roles: ['agent'], workerSid: 'WKann' });
const supervisor = accessOf({ roles: ['supervisor'] });

/** What an agent's history holds without marks: their reservations and their own task's events. */
const annsOwn = (events: readonly TrEvent[]): TrEvent[] =>
  events.filter((e) => e.taskSid === 'WT10' && (e.reservationSid === undefined || e.workerSid === 'WKann'));

function agentCell(access: typeof ann, events: readonly TrEvent[]) {
  const folder = new HistoryFolder({ config: DEFAULT_CONFIG, access, range: oneDay(DAY) });
  folder.add(events);
  return folder.finish()[0].cells['agent/day']?.WKann?.[DAY];
}

describe('transferMarksOf', () => {
  const own = annsOwn(ColdTransfer);
  const created = ColdTransfer.filter((e) => e.type === 'task.created');

  it("marks the agent's task at the creation of the task its transfer made, with nothing of that task", () => {
    // WT11 names WT10 in conversations.conversation_id and is created at 66 s, while WT10 lives (0-76 s)
    expect(transferMarksOf(own, created)).toEqual([{ sid: `${TRANSFER_MARK}:WT10:${at(66)}`, type: TRANSFER_MARK, ts: at(66), taskSid: 'WT10' }]);
  });

  it.each([
    ['the new task is one the agent holds too', { own: new Set(['WT11']) }],
    ['the new task names another conversation', { key: 'WT99' }],
    ['the new task was created after the agent task ended', { shift: 100 }],
  ])('makes no mark when %s', (_case, change: { own?: Set<string>; key?: string; shift?: number }) => {
    const other = created.map((e) =>
      e.taskSid !== 'WT11'
        ? e
        : { ...e, ts: e.ts + (change.shift ?? 0) * 1000, taskAttributes: change.key ? { conversations: { conversation_id: change.key } } : e.taskAttributes },
    );
    expect(transferMarksOf(own, other, change.own)).toEqual([]);
  });

  it("also follows the conversation key of the agent's task (a transfer of a transferred task names the first task)", () => {
    const second = ColdTransfer.filter((e) => e.taskSid === 'WT11' && (e.reservationSid === undefined || e.workerSid === 'WKbob'));
    const third: TrEvent = { sid: 'EVthird', type: 'task.created', ts: at(200), taskSid: 'WT12', taskAttributes: { conversations: { conversation_id: 'WT10' } } };
    expect(transferMarksOf(second, [third]).map((m) => m.ts)).toEqual([at(200)]);
  });
});

describe('a transfer mark in the fold', () => {
  const marks = transferMarksOf(annsOwn(ColdTransfer), ColdTransfer);

  it("gives the agent's own history the transfers of the full fold", () => {
    const full = agentCell(supervisor, ColdTransfer);
    // Ann's engagement (accepted 6 s) is followed by WT11's queue segment (66 s): 1 transfer of 1 handled
    expect(full).toMatchObject({ handled: 1, transfers: 1 });
    expect(agentCell(ann, annsOwn(ColdTransfer))).toMatchObject({ handled: 1, transfers: 0 });
    expect(agentCell(ann, [...annsOwn(ColdTransfer), ...marks])).toMatchObject({ handled: 1, transfers: 1 });
  });

  it("counts on the agent's conversation row, which holds no segment of the new task", () => {
    const row = conversationOfEvents([...annsOwn(ColdTransfer), ...marks], ann, DEFAULT_CONFIG, ['WT10']);
    expect(row?.transfers).toBe(1);
    expect(row?.taskSids).toEqual(['WT10']);
    expect(row?.segments.every((s) => s.taskSid === 'WT10')).toBe(true);
  });

  it('is not read from TaskRouter: a raw event of that type is ignored', () => {
    const raw = { sid: 'EVx', event_type: TRANSFER_MARK, event_date_ms: at(1), resource_sid: 'WT10', event_data: { task_sid: 'WT10' } };
    expect(new EventReader().read(raw).kind).toBe('ignored');
  });

  it('counts once when read twice (pages may repeat)', () => {
    expect(agentCell(ann, [...annsOwn(ColdTransfer), ...marks, ...marks])).toMatchObject({ transfers: 1 });
  });
});
