import * as React from 'react';
import { Button } from '@twilio-paste/core/button';
import type { Access } from '../../core';
import { csvFileName, downloadCsv, toCsv, type CsvColumn } from './csv';
import { useStrings } from './StringsContext';

export interface CsvButtonProps<R> {
  readonly access: Access;
  /** Names the file (`agents`) and, with the suffix (the period), the download. */
  readonly table: string;
  readonly suffix?: string;
  readonly columns: readonly CsvColumn<R>[];
  /** The rows as shown: filters and sort applied. Called on click only. */
  readonly rows: () => readonly R[];
}

/** "Download CSV" for roles that may export; nothing at all for the others. */
export function CsvButton<R>({ access, table, suffix = '', columns, rows }: CsvButtonProps<R>): React.ReactElement | null {
  const t = useStrings();
  if (!access.mayExport) return null;
  return (
    <Button variant="secondary" size="small" onClick={() => downloadCsv(csvFileName(table, suffix), toCsv(columns, rows()))}>
      {t('SupervisorInsightsDownloadCsv')}
    </Button>
  );
}
