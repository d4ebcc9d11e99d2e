/**
 * Reading the Events API one page at a time over a range: the filters the function uses,
 * the page position taken from TaskRouter's next-page link (never the link itself), the
 * events turned canonical by the core's `EventReader`, and what could not be read, with
 * who it concerns (to decide who may hear of it).
 */
import { EventReader, teamOf, type HistoryPage, type TrEvent } from '../../src/core';
import { checkPageToken, type PagePosition } from './cursor';
import { UpstreamError } from './retry';
import { toEventResource, type EventPageParams, type WorkspaceLike } from './taskRouter';

/** A TaskRouter call with the request's retries and deadline (see `withRetries`). */
export type Retry = <T>(what: string, op: () => Promise<T>) => Promise<T>;

export type Rejection = NonNullable<HistoryPage['rejected']>[number];

/** An event TaskRouter sent that could not be read, with who it concerns, to decide who may hear of it. */
export interface RawRejection extends Rejection {
  /** The worker the raw resource names, if any. */
  readonly workerSid?: string;
  /** The team in the raw resource's worker attributes, when they could be read. */
  readonly workerTeam?: string;
  /** Read for one of the caller's own tasks (scope `self`). */
  readonly ownTask: boolean;
}

/** The range a reader reads: `[fromMs, toMs)`, TaskRouter's page size, events counted before. */
export interface PageRange {
  readonly fromMs: number;
  readonly toMs: number;
  readonly pageSize: number;
  readonly fetched?: number;
}

/** The Events API filters the function reads by (TaskRouter's `WorkerSid`, `TaskSid`, `ReservationSid`, `EventType`). */
export interface EventFilter {
  readonly workerSid?: string;
  readonly taskSid?: string;
  readonly reservationSid?: string;
  readonly eventType?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The worker sid and the worker's team a raw Events API resource names, as far as they can be read. */
function ownerOf(resource: Record<string, unknown>): { workerSid?: string; workerTeam?: string } {
  const data = isRecord(resource.event_data) ? resource.event_data : resource;
  const workerSid = str(data.worker_sid) ?? str(data.WorkerSid);
  const text = data.worker_attributes ?? data.WorkerAttributes;
  let workerTeam: string | undefined;
  try {
    const parsed: unknown = typeof text === 'string' ? JSON.parse(text) : text;
    if (isRecord(parsed)) workerTeam = teamOf(parsed);
  } catch {
    // Unreadable attributes: no team known, so the event is not the team's to hear of.
  }
  return { workerSid, workerTeam };
}

/** TaskRouter's date text, as twilio-node makes it of a Date: whole seconds, UTC. */
function taskRouterDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Reads TaskRouter pages of one range and collects what one request returns. */
export class PageReader {
  readonly events: TrEvent[] = [];
  readonly rejected: RawRejection[] = [];
  fetched: number;
  private readonly reader = new EventReader();
  private readonly startDate: string;
  private readonly endDate: string;

  constructor(
    private readonly range: PageRange,
    private readonly retry: Retry,
    private readonly eventsPath: string,
    private readonly workspace: WorkspaceLike,
  ) {
    this.fetched = range.fetched ?? 0;
    // TaskRouter's dates are whole seconds (twilio-node drops the milliseconds) and EndDate
    // is inclusive: ask for the seconds around the range, drop what falls outside below.
    this.startDate = taskRouterDate(Math.floor(range.fromMs / 1000) * 1000);
    this.endDate = taskRouterDate(Math.ceil(range.toMs / 1000) * 1000);
  }

  /** One TaskRouter page: the readable events of the range, and where the next page starts. */
  async read(filter: EventFilter, at: PagePosition | undefined, what: string): Promise<{ events: TrEvent[]; next?: PagePosition }> {
    const params: EventPageParams = {
      startDate: this.startDate,
      endDate: this.endDate,
      pageSize: this.range.pageSize,
      ...filter,
      ...(at ? { pageNumber: at.page, pageToken: at.token } : {}),
    };
    const page = await this.retry(what, () => this.workspace.events.page(params));
    const next = page.nextPageUrl ? this.position(page.nextPageUrl) : undefined;
    const where = `${filter.taskSid ? `task ${filter.taskSid} ` : ''}page ${(at?.page ?? 0) + 1}`;
    const events: TrEvent[] = [];
    page.instances.forEach((instance, i) => {
      this.fetched++;
      const resource = toEventResource(instance);
      const outcome = this.reader.read(resource);
      if (outcome.kind === 'event') {
        const ts = outcome.event.ts;
        if (ts >= this.range.fromMs && ts < this.range.toMs) events.push(outcome.event);
      } else if (outcome.kind === 'rejected') {
        const sid = str(resource.sid);
        this.rejected.push({
          at: `${where}, event ${i + 1}${sid ? ` (${sid})` : ''}`,
          reason: outcome.reason,
          ...ownerOf(resource as Record<string, unknown>),
          ownTask: filter.taskSid !== undefined,
        });
      }
    });
    return { events, next };
  }

  /** The page position in TaskRouter's next-page link; the link itself is never followed. */
  private position(nextPageUrl: string): PagePosition {
    let url: URL;
    try {
      url = new URL(nextPageUrl);
    } catch {
      throw new UpstreamError('upstream_failed', 'TaskRouter sent a next-page link that is not a URL');
    }
    const token = url.searchParams.get('PageToken');
    const pageText = url.searchParams.get('Page') ?? '0';
    if (url.pathname.replace(/\/+$/, '') !== this.eventsPath || token === null || !checkPageToken(token) || !/^\d{1,9}$/.test(pageText)) {
      throw new UpstreamError('upstream_failed', 'TaskRouter sent a next-page link this function does not understand');
    }
    return { page: Number(pageText), token };
  }
}
