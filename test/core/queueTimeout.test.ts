import { aContactArrives, aTaskEvent, anEngagement, reportOf } from '../fixtures/builders';

const safety = { task: 'WT70', queue: 'CISS Safety', channel: 'voice' };
const support = { ...safety, queue: 'CISS Support' };

describe('task-queue.timeout (MODEL.md, settled)', () => {
  it('ends the wait in that queue Moved: a caller who hangs up after it is not abandoned', () => {
    const r = reportOf([...aContactArrives(safety, 0), aTaskEvent('task-queue.timeout', safety, 60), aTaskEvent('task.canceled', safety, 90, { reason: 'hangup' })]);
    // one queue segment, ended Moved at 60 s: offered, not abandoned, outside the service level
    expect(r.totals).toMatchObject({ conversations: 1, offered: 1, abandoned: 0, abandonRate: 0, serviceLevel: null, avgWaitSec: null });
  });

  it('the next step opens the next queue, where the wait and the acceptance count', () => {
    const r = reportOf([
      ...aContactArrives(safety, 0),
      aTaskEvent('task-queue.timeout', safety, 60),
      aTaskEvent('task-queue.entered', support, 60),
      ...anEngagement({ ...support, reservation: 'WR70', worker: 'WKann' }, { created: 70, accepted: 75, completed: 200 }),
      aTaskEvent('task.completed', support, 200),
    ]);
    expect(r.totals).toMatchObject({ offered: 2, handled: 1, abandoned: 0, avgWaitSec: 15, serviceLevel: 1, transfers: 0 });
    expect(r.byQueue['CISS Safety']).toMatchObject({ offered: 1, handled: 0 });
    expect(r.byQueue['CISS Support']).toMatchObject({ offered: 1, handled: 1 });
  });

  it('a cancel after a workflow timeout is still Timeout, not abandoned', () => {
    const r = reportOf([...aContactArrives(safety, 0), aTaskEvent('workflow.timeout', safety, 120), aTaskEvent('task.canceled', safety, 120, { reason: 'Task canceled on Workflow timeout' })]);
    expect(r.totals).toMatchObject({ offered: 1, abandoned: 0 });
  });
});
