import fc from 'fast-check';
import { DEFAULT_CONFIG, Engine, EventReader, buildReport, ingestText, parseRecordText, recordsOf, toEpochMs } from '../../src/core';
import { reportOf, reportOfRecords, toCallback, toCloudEvent, toEventsApi, withoutInput } from '../fixtures/builders';
import { ColdTransfer, Handled, WorkflowTimeout, BreakOf40Minutes } from '../fixtures/scenarios';

// Scenarios reuse task sids; WorkflowTimeout's is renamed so the mix is one consistent day.
const day = [...ColdTransfer, ...WorkflowTimeout.map((e) => ({ ...e, taskSid: 'WT99' })), ...BreakOf40Minutes, ...Handled];

describe('each input format reads to the same report', () => {
  const expected = withoutInput(reportOf(day));

  it.each([
    ['Event Streams CloudEvents', toCloudEvent],
    ['TaskRouter Events API resources (string values)', toEventsApi],
    ['EventCallbackUrl form fields (PascalCase, epoch seconds)', toCallback],
    ['bare Event Streams payloads', (e: (typeof day)[number]) => (toCloudEvent(e).data as { payload: unknown }).payload],
  ])('%s', (_name, format) => {
    const r = reportOfRecords(day.map(format));
    expect(r.input).toMatchObject({ read: day.length, used: day.length, rejected: 0, ignored: 0 });
    expect(withoutInput(r)).toEqual(expected);
  });

  it('an Events API page, a JSON array and NDJSON text', () => {
    const page = { events: day.map(toEventsApi), meta: { page: 0, page_size: 50 } };
    expect(withoutInput(reportOfRecords([page]))).toEqual(expected);
    const fromText = (text: string) => {
      const engine = new Engine(DEFAULT_CONFIG);
      ingestText(engine, new EventReader(), text);
      return buildReport(engine);
    };
    expect(withoutInput(fromText(JSON.stringify(day.map(toCloudEvent), null, 2)))).toEqual(expected);
    expect(withoutInput(fromText(day.map((e) => JSON.stringify(toCloudEvent(e))).join('\n')))).toEqual(expected);
    expect(withoutInput(fromText(JSON.stringify(page, null, 2)))).toEqual(expected);
  });
});

describe('reading errors', () => {
  const reader = new EventReader();
  const cloud = toCloudEvent(Handled[0]);
  const payloadOf = (c: Record<string, unknown>) => (c.data as { payload: Record<string, unknown> }).payload;

  it.each([
    ['a number', 42, 'record is number, not an object'],
    ['no type at all', { hello: 'world' }, 'no event type (expected type, event_type, eventType, EventType or eventtype)'],
    ['no timestamp', { ...cloud, time: undefined, data: { payload: { ...payloadOf(cloud), timestamp: undefined } } }, 'task.created: no timestamp'],
    ['a timestamp that is not a date', { ...cloud, data: { payload: { ...payloadOf(cloud), timestamp: 'yesterday' } } }, 'task.created: timestamp "yesterday" is not a date'],
    ['unparseable task_attributes', { ...cloud, data: { payload: { ...payloadOf(cloud), task_attributes: '{"call_sid":' } } }, 'task.created: task_attributes is not valid JSON'],
    ['task_attributes that are not an object', { ...cloud, data: { payload: { ...payloadOf(cloud), task_attributes: '[1]' } } }, 'task.created: task_attributes is JSON but not an object'],
    ['a task event without task_sid', { ...cloud, data: { payload: { ...payloadOf(cloud), task_sid: undefined } } }, 'task.created: no task_sid'],
  ])('%s is rejected with a reason', (_name, record, reason) => {
    expect(reader.read(record)).toEqual({ kind: 'rejected', reason });
  });

  it('types the engine does not use are ignored, not errors', () => {
    expect(reader.read({ ...cloud, type: 'com.twilio.taskrouter.workflow.entered' })).toEqual({ kind: 'ignored', type: 'workflow.entered' });
    expect(reader.read({ ...cloud, type: 'com.twilio.messaging.message.delivered' })).toEqual({ kind: 'ignored', type: 'com.twilio.messaging.message.delivered' });
    expect(reader.read({ event_type: 'activity.created', event_date_ms: 1 })).toEqual({ kind: 'ignored', type: 'activity.created' });
  });

  it('a bad line is reported with its position and the rest still counts', () => {
    const engine = new Engine(DEFAULT_CONFIG);
    const lines = Handled.map((e) => JSON.stringify(toCloudEvent(e)));
    lines.splice(2, 0, '{"specversion": "1.0", "type": "com.twilio.taskrouter.task.created"');
    ingestText(engine, new EventReader(), lines.join('\n'));
    const r = buildReport(engine);
    expect(r.input).toMatchObject({ read: Handled.length + 1, used: Handled.length, rejected: 1 });
    expect(r.input.errors).toHaveLength(1);
    expect(r.input.errors[0].at).toBe('line 3');
    expect(r.input.errors[0].reason).toMatch(/^not JSON/);
    expect(withoutInput(r)).toEqual(withoutInput(reportOf(Handled)));
  });
});

describe('the shapes sinks wrap records in', () => {
  it("a Twilio Function's event object is its records in key order; other objects are records themselves", () => {
    const [a, b, c] = [toCloudEvent(Handled[0]), toCloudEvent(Handled[1]), toCloudEvent(Handled[2])];
    expect(recordsOf({ 1: b, 0: a, 2: c, request: { headers: {}, cookies: {} } })).toEqual([a, b, c]);
    expect(recordsOf({ 0: a, note: 'x' })).toBeUndefined();
    expect(recordsOf(a)).toBeUndefined();
  });

  it('twilio-node camelCase resources read like the API they came from', () => {
    const r = toEventsApi(Handled[0]);
    const camel = { eventType: r.event_type, eventDate: r.event_date, eventDateMs: r.event_date_ms, sid: r.sid, resourceSid: r.resource_sid, eventData: r.event_data };
    expect(new EventReader().read(camel)).toEqual(new EventReader().read(r));
    const { eventDateMs: _ms, ...isoOnly } = camel;
    expect(new EventReader().read(isoOnly)).toEqual(new EventReader().read(r));
  });

  it('a form-encoded callback body parses to its fields; JSON stays JSON', () => {
    expect(parseRecordText('EventType=task.created&TaskSid=WT1&TaskAttributes=%7B%22a%22%3A1%7D&WorkerName=Jo+Bloggs')).toEqual({
      value: { EventType: 'task.created', TaskSid: 'WT1', TaskAttributes: '{"a":1}', WorkerName: 'Jo Bloggs' },
    });
    expect(parseRecordText('{"EventType":"x=y"}')).toEqual({ value: { EventType: 'x=y' } });
    expect(parseRecordText('hello world')).toEqual({ error: expect.stringMatching(/^not JSON/) });
  });
});

describe('timestamps', () => {
  it.each([
    ['ISO with Z', '2026-11-20T10:00:00.123Z', 1795168800123],
    ['epoch ms', 1795168800123, 1795168800123],
    ['epoch seconds', 1795168800, 1795168800000],
    ['epoch seconds as a string', '1795168800.5', 1795168800500],
    ['epoch ms as a string', '1795168800123', 1795168800123],
    ['garbage', 'soon', undefined],
    ['zero', 0, undefined],
    ['beyond what a Date can hold', 1e300, undefined],
  ])('%s', (_name, value, expected) => {
    expect(toEpochMs(value)).toBe(expected);
  });
});

describe('the fast ISO path agrees with Date.parse', () => {
  it('on random instants and on invalid dates', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(toEpochMs(iso)).toBe(Date.parse(iso));
        expect(toEpochMs(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(Date.parse(iso.replace(/\.\d{3}Z$/, 'Z')));
      }),
    );
    for (const bad of ['2026-02-30T10:00:00.000Z', '2026-13-01T10:00:00.000Z', '2026-11-20T24:00:00.000Z', '2026-1a-20T10:00:00.000Z']) {
      const viaParse = Date.parse(bad);
      expect(toEpochMs(bad)).toBe(Number.isFinite(viaParse) ? viaParse : undefined);
    }
    expect(toEpochMs('2024-02-29T10:00:00.000Z')).toBe(Date.parse('2024-02-29T10:00:00.000Z'));
  });
});

