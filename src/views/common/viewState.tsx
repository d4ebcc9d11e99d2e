/**
 * What a person set in the Insights view (the open tab, the period the tabs share, a tab's
 * search and filters, where the page was scrolled), kept outside the tabs so it outlives
 * them: opening a conversation replaces the tabs with its screen, and Back mounts them
 * again as they were left. Flex owns the view's URL (`/supervisor-insights`), so nothing
 * is written there; the registration makes one `ViewState` and it lasts the Flex session.
 */
import * as React from 'react';

/** A named value of the view state and its value before anyone sets it. */
export interface ViewKey<T> {
  readonly name: string;
  readonly initial: T;
}

/** Declares a key of the view state (one per thing kept). */
export function viewKey<T>(name: string, initial: T): ViewKey<T> {
  return { name, initial };
}

/** The values set, by key name. Plain and mutable: the tabs read it when they mount. */
export class ViewState {
  private readonly values = new Map<string, unknown>();

  get<T>(key: ViewKey<T>): T {
    return this.values.has(key.name) ? (this.values.get(key.name) as T) : key.initial;
  }

  set<T>(key: ViewKey<T>, value: T): void {
    this.values.set(key.name, value);
  }
}

const ViewStateContext = React.createContext<ViewState | undefined>(undefined);

export function ViewStateProvider({ view, children }: { view: ViewState; children?: React.ReactNode }): React.ReactElement {
  return <ViewStateContext.Provider value={view}>{children}</ViewStateContext.Provider>;
}

/** The view state of the Insights view (undefined outside one: a tab rendered alone). */
export function useViewStateObject(): ViewState | undefined {
  return React.useContext(ViewStateContext);
}

/**
 * `useState` kept in the view state: the value a remounted component starts from is the
 * last one set. Outside a `ViewStateProvider` it is plain component state.
 */
export function useViewState<T>(key: ViewKey<T>): [T, (value: T) => void] {
  const view = React.useContext(ViewStateContext);
  const [value, setValue] = React.useState<T>(() => (view ? view.get(key) : key.initial));
  const set = React.useCallback(
    (next: T) => {
      view?.set(key, next);
      setValue(next);
    },
    [view, key],
  );
  return [value, set];
}
