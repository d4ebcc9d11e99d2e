import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Table, TBody, Td, Th, THead, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import type { AlertsState } from '../../store';
import { csvFileName, downloadCsv, toCsv } from '../common';
import { logColumns, selectLogRows } from './alerts.selectors';

/** How many log rows the table shows (the CSV has them all). */
export const LOG_ROWS_SHOWN = 200;

export interface AlertLogProps {
  readonly state: AlertsState;
  readonly timeZone?: string;
}

/**
 * The shift's alert log, shown while the strip's toggle has it open: raised, acknowledged
 * (by whom), cleared, newest first, and its CSV. The log names rules, queues and agents,
 * never a customer, so whoever sees the alerts may download it.
 */
export const AlertLog = React.memo(function AlertLog({ state, timeZone }: AlertLogProps): React.ReactElement {
  const columns = logColumns(timeZone);
  const rows = selectLogRows(state);
  return (
    <Box marginTop="space30">
      <Box display="flex" columnGap="space30" alignItems="center">
        <Button variant="secondary" size="small" onClick={() => downloadCsv(csvFileName('alert-log', ''), toCsv(columns, rows))}>
          Download CSV
        </Button>
      </Box>
      {rows.length === 0 ? (
        <Text as="p">Nothing raised in this session yet.</Text>
      ) : (
        <Table aria-label="Alert log" scrollHorizontally>
          <THead>
            <Tr>
              {columns.map((c) => (
                <Th key={c.header}>{c.header}</Th>
              ))}
            </Tr>
          </THead>
          <TBody>
            {rows.slice(0, LOG_ROWS_SHOWN).map((e, i) => (
              <Tr key={`${e.key}-${e.type}-${e.at}-${i}`}>
                {columns.map((c) => (
                  <Td key={c.header}>{c.value(e)}</Td>
                ))}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Box>
  );
});
