import * as React from 'react';
import { translator, type Strings, type Translate } from './strings';

const defaultTranslate = translator(undefined);
const StringsContext = React.createContext<Translate>(defaultTranslate);

/** Provides Flex's strings (`manager.strings`) to the dashboards. */
export function StringsProvider({ strings, children }: { strings?: Strings; children: React.ReactNode }): React.ReactElement {
  const t = React.useMemo(() => translator(strings), [strings]);
  return <StringsContext.Provider value={t}>{children}</StringsContext.Provider>;
}

/** `t('SupervisorInsightsAgent')`: the label, as the customer named it. */
export function useStrings(): Translate {
  return React.useContext(StringsContext);
}
