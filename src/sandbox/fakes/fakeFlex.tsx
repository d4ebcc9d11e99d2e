/**
 * A stand-in for the parts of `@twilio/flex-ui` the plugin uses, with a host layout like
 * Flex's: header, side nav, one view at a time. The plugin's own `init()` runs against it.
 * Actions run as Flex runs them: the `before<Name>` listeners (each given the payload and
 * an abort function; their promises awaited together, a failing one logged), then the
 * replaced or built-in action unless one aborted, then the `after<Name>` listeners.
 * `Logout` is built in: it signs the user out and the page says so.
 */
import * as React from 'react';

type Listener = () => void;

/** Registries that re-render the host when the plugin adds to them. */
class Content {
  readonly items: React.ReactElement[] = [];
  private readonly listeners = new Set<Listener>();
  add = (element: React.ReactElement): void => {
    this.items.push(element);
    this.listeners.forEach((l) => l());
  };
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export interface FakeFlex {
  View: (props: { name: string; children?: React.ReactNode }) => React.ReactElement;
  SideLink: (props: SideLinkProps) => React.ReactElement;
  ViewCollection: { Content: Content };
  SideNav: { Content: Content };
  Actions: {
    invokeAction: (name: string, payload?: unknown) => Promise<void>;
    replaceAction: (name: string, action: (payload: unknown, original: (payload: unknown) => Promise<void>) => unknown) => void;
    addListener: (event: string, listener: ActionListener) => void;
    removeListener: (event: string, listener: ActionListener) => void;
  };
  /** True once `Logout` ran. */
  loggedOut: boolean;
  /** What Flex's own drill-down did (the sandbox has no Flex Insights screen): the payloads it got. */
  originalDrillDowns: unknown[];
  /** Flex UI 2.x's `Notifications` (NotificationManager): register, show, dismiss; the host shows the active ones. */
  Notifications: FakeNotifications;
  /** The host's navigation state. */
  activeView: string;
  onNavigate: Set<Listener>;
}

/** A `before…` / `after…` listener: the payload, and (before only) a function that aborts the action. */
export type ActionListener = (payload: unknown, abort: () => void) => unknown;

interface SideLinkProps {
  children?: React.ReactNode;
  icon?: unknown;
  iconActive?: unknown;
  isActive?: boolean;
  showLabel?: boolean;
  onClick?: () => void;
}

export interface FakeNotification {
  id: string;
  content?: React.ReactNode;
  type?: 'information' | 'success' | 'warning' | 'error';
  timeout?: number;
  closeButton?: boolean;
}

export interface ShownNotification {
  readonly instanceId: string;
  readonly id: string;
  readonly type?: FakeNotification['type'];
  readonly content?: React.ReactNode;
  readonly context?: object;
}

/** As Flex's NotificationManager: a registry by id, `showNotification(id, context)` shows an instance. */
export class FakeNotifications {
  readonly registeredNotifications = new Map<string, FakeNotification>();
  activeNotifications: ShownNotification[] = [];
  /** Every instance shown, for tests. */
  readonly shown: ShownNotification[] = [];
  private readonly listeners = new Set<Listener>();
  private next = 0;
  registerNotification = (n: FakeNotification): void => {
    if (!n || typeof n.id !== 'string') throw new Error('registerNotification: a notification needs an id');
    this.registeredNotifications.set(n.id, n);
  };
  showNotification = (id: string, context?: object): ShownNotification | null => {
    const n = this.registeredNotifications.get(id);
    if (!n) {
      console.warn(`Notification ${id} is not registered`);
      return null;
    }
    const content = React.isValidElement(n.content) ? React.cloneElement(n.content as React.ReactElement<{ notificationContext?: object }>, { notificationContext: context }) : n.content;
    const shown: ShownNotification = { instanceId: `n${++this.next}`, id, type: n.type, content, context };
    this.shown.push(shown);
    this.activeNotifications = [...this.activeNotifications, shown];
    this.listeners.forEach((l) => l());
    if (n.timeout && n.timeout > 0) setTimeout(() => this.dismissNotification(shown), n.timeout);
    return shown;
  };
  dismissNotification = (n: ShownNotification): void => {
    this.activeNotifications = this.activeNotifications.filter((a) => a.instanceId !== n.instanceId);
    this.listeners.forEach((l) => l());
  };
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

const NOTICE_COLOURS: Readonly<Record<string, string>> = { information: '#0263E0', success: '#14B053', warning: '#E46D0C', error: '#D61F1F' };

/** The active notifications, as Flex's notification bar shows them above the view. */
function NotificationBar({ notifications }: { notifications: FakeNotifications }): React.ReactElement | null {
  const [, set] = React.useState(0);
  React.useEffect(() => notifications.subscribe(() => set((n) => n + 1)), [notifications]);
  if (notifications.activeNotifications.length === 0) return null;
  return (
    <div aria-label="Notifications" role="region" style={{ position: 'fixed', bottom: 16, right: 16, width: 440, zIndex: 1000, display: 'flex', flexDirection: 'column', gap: 6 }}>
      {notifications.activeNotifications.map((n) => (
        <div key={n.instanceId} role="status" data-type={n.type} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 16px', borderRadius: 4, boxShadow: '0 2px 8px rgba(0,0,0,.25)', color: '#fff', background: NOTICE_COLOURS[n.type ?? 'information'] ?? '#0263E0' }}>
          <span style={{ flex: 1 }}>{n.content}</span>
          <button type="button" aria-label="Dismiss notification" onClick={() => notifications.dismissNotification(n)} style={{ background: 'transparent', color: '#fff', border: 0, cursor: 'pointer' }}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export function createFakeFlex(initialView: string): FakeFlex {
  const flex: FakeFlex = {
    View: ({ children }) => <>{children}</>,
    SideLink: ({ children, isActive, onClick }) => (
      <button
        type="button"
        onClick={onClick}
        aria-current={isActive ? 'page' : undefined}
        style={{
          display: 'block', width: '100%', padding: '12px 16px', border: 0, textAlign: 'left', cursor: 'pointer',
          color: '#fff', background: isActive ? '#1f304c' : 'transparent', fontSize: 14,
          borderLeft: isActive ? '4px solid #f22f46' : '4px solid transparent',
        }}
      >
        {children}
      </button>
    ),
    ViewCollection: { Content: new Content() },
    SideNav: { Content: new Content() },
    Notifications: new FakeNotifications(),
    activeView: initialView,
    onNavigate: new Set(),
    originalDrillDowns: [],
    loggedOut: false,
    Actions: {
      invokeAction: async (name, payload) => {
        let aborted = false;
        await emit(`before${name}`, payload, () => void (aborted = true));
        if (aborted) throw new Error(`Action ${name} cancelled by before event`);
        const replaced = replacements.get(name);
        if (replaced) await replaced(payload, (p) => builtIn(name, p));
        else await builtIn(name, payload);
        await emit(`after${name}`, payload, () => undefined);
      },
      addListener: (event, listener) => {
        const list = listeners.get(event) ?? [];
        listeners.set(event, [...list, listener]);
      },
      removeListener: (event, listener) => {
        listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
      },
      replaceAction: (name, action) => {
        replacements.set(name, async (payload, original) => {
          await action(payload, original);
        });
      },
    },
  };
  const replacements = new Map<string, (payload: unknown, original: (payload: unknown) => Promise<void>) => Promise<void>>();
  const listeners = new Map<string, ActionListener[]>();
  /** As Flex does: every listener called, their promises awaited together; a failure is logged, not thrown. */
  const emit = async (event: string, payload: unknown, abort: () => void): Promise<void> => {
    await Promise.all(
      (listeners.get(event) ?? []).map(async (listener) => {
        try {
          await listener(payload, abort);
        } catch (err) {
          console.error(`Error on "${event}":`, err);
        }
      }),
    );
  };
  /** The sandbox's stand-ins for Flex's own actions. */
  const builtIn = async (name: string, payload: unknown): Promise<void> => {
    if (name === 'NavigateToView') {
      const viewName = (payload as { viewName?: string } | undefined)?.viewName;
      if (viewName) {
        flex.activeView = viewName;
        flex.onNavigate.forEach((l) => l());
      }
    } else if (name === 'HistoricalReportingView') {
      flex.originalDrillDowns.push(payload);
    } else if (name === 'Logout') {
      flex.loggedOut = true;
      flex.onNavigate.forEach((l) => l());
    }
  };
  return flex;
}

function useRerender(subscribe: (l: Listener) => () => void): void {
  const [, set] = React.useState(0);
  React.useEffect(() => subscribe(() => set((n) => n + 1)), [subscribe]);
}

export interface HostProps {
  readonly flex: FakeFlex;
  readonly header: React.ReactNode;
}

/** The Flex-like page: header on top, side nav on the left, the active view. */
export function Host({ flex, header }: HostProps): React.ReactElement {
  useRerender(React.useCallback((l) => flex.ViewCollection.Content.subscribe(l), [flex]));
  useRerender(React.useCallback((l) => flex.SideNav.Content.subscribe(l), [flex]));
  useRerender(
    React.useCallback(
      (l) => {
        flex.onNavigate.add(l);
        return () => flex.onNavigate.delete(l);
      },
      [flex],
    ),
  );
  if (flex.loggedOut) {
    return (
      <main style={{ padding: 24 }}>
        <h1 style={{ fontSize: 20 }}>Signed out</h1>
        <p>You have logged out of Flex. Reload the page to sign in again.</p>
      </main>
    );
  }
  const active = flex.ViewCollection.Content.items.find((v) => (v.props as { name?: string }).name === flex.activeView);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <header style={{ background: '#121c2d', color: '#fff', padding: '8px 16px', display: 'flex', alignItems: 'center', gap: 16 }}>
        {header}
      </header>
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <nav aria-label="Side navigation" style={{ width: 180, background: '#121c2d', paddingTop: 8 }}>
          {flex.SideNav.Content.items.map((link) => React.cloneElement(link, { activeView: flex.activeView }))}
        </nav>
        <main style={{ flex: 1, minWidth: 0, background: '#f4f4f6' }}>
          <NotificationBar notifications={flex.Notifications} />
          {active ?? <p style={{ padding: 24 }}>No view is open. Pick one in the side navigation.</p>}
        </main>
      </div>
    </div>
  );
}
