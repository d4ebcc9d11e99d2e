/**
 * A stand-in for the parts of `@twilio/flex-ui` the plugin uses, with a host layout like
 * Flex's: header, side nav, one view at a time. The plugin's own `init()` runs against it.
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
  };
  /** What Flex's own drill-down did (the sandbox has no Flex Insights screen): the payloads it got. */
  originalDrillDowns: unknown[];
  /** The host's navigation state. */
  activeView: string;
  onNavigate: Set<Listener>;
}

interface SideLinkProps {
  children?: React.ReactNode;
  icon?: unknown;
  iconActive?: unknown;
  isActive?: boolean;
  showLabel?: boolean;
  onClick?: () => void;
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
    activeView: initialView,
    onNavigate: new Set(),
    originalDrillDowns: [],
    Actions: {
      invokeAction: async (name, payload) => {
        const replaced = replacements.get(name);
        if (replaced) await replaced(payload, (p) => builtIn(name, p));
        else await builtIn(name, payload);
      },
      replaceAction: (name, action) => {
        replacements.set(name, async (payload, original) => {
          await action(payload, original);
        });
      },
    },
  };
  const replacements = new Map<string, (payload: unknown, original: (payload: unknown) => Promise<void>) => Promise<void>>();
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
          {active ?? <p style={{ padding: 24 }}>No view is open. Pick one in the side navigation.</p>}
        </main>
      </div>
    </div>
  );
}
