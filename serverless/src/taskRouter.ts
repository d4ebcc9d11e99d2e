/**
 * What the history handler needs of TaskRouter, as the shapes twilio-node gives them
 * (`client.taskrouter.v1.workspaces(WS)`), and the conversion of its Events API
 * instances back to the REST resource the core's `EventReader` reads.
 */

/**
 * `events.page(...)` parameters, as twilio-node names them. Dates are TaskRouter's text
 * (`2026-11-16T00:00:00Z`, whole seconds): twilio-node formats a Date that way and
 * passes text through unchanged.
 */
export interface EventPageParams {
  readonly startDate?: string;
  readonly endDate?: string;
  readonly pageSize?: number;
  readonly workerSid?: string;
  readonly taskSid?: string;
  readonly reservationSid?: string;
  /** One event type (`task.created`): TaskRouter's `EventType`. */
  readonly eventType?: string;
  readonly pageNumber?: number;
  readonly pageToken?: string;
}

/**
 * One event as twilio-node's `EventInstance` holds it: camelCase properties, `eventDate`
 * a Date, `eventData` the REST `event_data` object as sent (snake_case inside). A plain
 * REST resource (`event_type`, `event_date_ms`, …) is accepted as well.
 */
export type EventLike = Readonly<Record<string, unknown>>;

export interface EventPageLike {
  readonly instances: readonly EventLike[];
  /** TaskRouter's `meta.next_page_url`; absent on the last page. */
  readonly nextPageUrl?: string;
}

export interface WorkerLike {
  readonly sid: string;
  /** JSON text, as TaskRouter stores worker attributes. */
  readonly attributes: string;
}

/** The part of `client.taskrouter.v1.workspaces(WS)` the handler uses. */
export interface WorkspaceLike {
  readonly events: { page(params: EventPageParams): Promise<EventPageLike> };
  workers(sid: string): { fetch(): Promise<WorkerLike> };
}

const CAMEL_TO_REST: readonly (readonly [camel: string, rest: string])[] = [
  ['accountSid', 'account_sid'],
  ['actorSid', 'actor_sid'],
  ['actorType', 'actor_type'],
  ['actorUrl', 'actor_url'],
  ['description', 'description'],
  ['eventData', 'event_data'],
  ['eventDate', 'event_date'],
  ['eventDateMs', 'event_date_ms'],
  ['eventType', 'event_type'],
  ['resourceSid', 'resource_sid'],
  ['resourceType', 'resource_type'],
  ['resourceUrl', 'resource_url'],
  ['sid', 'sid'],
  ['source', 'source'],
  ['sourceIpAddress', 'source_ip_address'],
  ['url', 'url'],
  ['workspaceSid', 'workspace_sid'],
];

/**
 * The REST resource of an event instance. twilio-node renames the top-level fields to
 * camelCase and turns `event_date` into a Date (to the second); `event_data` and
 * `event_date_ms` pass through untouched, so nothing the reader uses is lost.
 */
export function toEventResource(instance: EventLike): Record<string, unknown> {
  if ('event_type' in instance || 'event_date_ms' in instance) return { ...instance };
  const out: Record<string, unknown> = {};
  for (const [camel, rest] of CAMEL_TO_REST) {
    const v = instance[camel];
    if (v === undefined) continue;
    out[rest] = v instanceof Date ? (Number.isFinite(v.getTime()) ? v.toISOString() : undefined) : v;
  }
  return out;
}

/**
 * The workspace of a twilio-node client, as the handler reads it. twilio-node's types
 * name the dates `Date` where the handler sends the same text twilio-node would make of
 * one, hence the one cast, here.
 */
export function twilioWorkspace(client: { taskrouter: { v1: { workspaces(sid: string): unknown } } }, workspaceSid: string): WorkspaceLike {
  return client.taskrouter.v1.workspaces(workspaceSid) as WorkspaceLike;
}

/** `Retry-After` of the last response a twilio-node client received (its RequestClient keeps it). */
export function lastRetryAfterSec(client: unknown): number | undefined {
  const http = (client as { httpClient?: { lastResponse?: { headers?: unknown } } } | undefined)?.httpClient;
  const headers = http?.lastResponse?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  let value: unknown;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (k.toLowerCase() === 'retry-after') value = v;
  return parseRetryAfter(value);
}

/** Seconds from a `Retry-After` value (seconds, or an HTTP date relative to `nowMs`). */
export function parseRetryAfter(value: unknown, nowMs: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Number(text.trim());
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - nowMs) / 1000)) : undefined;
}
