import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Heading } from '@twilio-paste/core/heading';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { CsvButton, ScopeNote, liveScopeText, useStrings, type TabProps } from '../common';
import { queueCsvColumns, queueCsvRows } from './queuesCsv';
import { QueuesSummary } from './QueuesSummary';
import { QueueTileCard } from './QueueTileCard';
import { selectQueuesView } from './queuesTab.selectors';
import { StatusBadge } from './StatusBadge';
import { StatusLegend } from './StatusLegend';

/** Live queues: a summary, the legend, and a tile per queue under its support type (most urgent first). */
export function QueuesTab({ store, access }: TabProps): React.ReactElement {
  const t = useStrings();
  const view = useStore(store, selectQueuesView);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const columns = React.useMemo(() => queueCsvColumns(t), [t]);
  if (status === 'error') return <Text as="p" color="colorTextError">{t('SupervisorInsightsLiveFailed', { error: error ?? '' })}</Text>;
  return (
    <Box display="flex" flexDirection="column" rowGap="space60" paddingTop="space40">
      <ScopeNote scope={liveScopeText(t, access)} counts={view.counts} />
      <QueuesSummary view={view} access={access} />
      <Box display="flex" justifyContent="space-between" alignItems="center" flexWrap="wrap" columnGap="space40" rowGap="space30">
        <StatusLegend thresholds={view.thresholds} />
        <CsvButton access={access} table="queues" columns={columns} rows={() => queueCsvRows(view)} />
      </Box>
      {status === 'loading' ? <Text as="p" color="colorTextWeak">{t('SupervisorInsightsLoading')}</Text> : null}
      {view.groups.length === 0 ? (
        <Text as="p">{t('SupervisorInsightsNoQueues')}</Text>
      ) : (
        // Support types side by side where the view is wide (two at 1440 px), most urgent first.
        <Box display="grid" gridTemplateColumns="repeat(auto-fill, minmax(34rem, 1fr))" columnGap="space60" rowGap="space60">
          {view.groups.map((g) => (
            <Box as="section" key={g.supportType} aria-label={t.supportType(g.supportType)} minWidth="0">
              <Box display="flex" alignItems="center" columnGap="space30" marginBottom="space30">
                <Heading as="h3" variant="heading40" marginBottom="space0">
                  {t.supportType(g.supportType)}
                </Heading>
                <StatusBadge status={g.status} />
              </Box>
              <Box display="grid" gridTemplateColumns="repeat(auto-fit, minmax(15rem, 1fr))" columnGap="space40" rowGap="space40">
                {g.tiles.map((tile) => (
                  <QueueTileCard key={tile.queue} tile={tile} />
                ))}
              </Box>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
