import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { Table, TBody, Td, Th, THead, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import { useStore } from 'zustand';
import { selectConversationList, type InsightsStore } from '../../store';

/** Rows shown at once (the dashboards issue virtualises the full list). */
const SHOWN = 100;

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
const duration = (sec: number | undefined): string =>
  sec === undefined ? '—' : `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;

export interface ConversationsPanelProps {
  readonly store: InsightsStore;
  readonly onOpen: (conversationId: string) => void;
}

/** Conversations newest first, searchable by name or sid; "Open" drills down. */
export function ConversationsPanel({ store, onOpen }: ConversationsPanelProps): React.ReactElement {
  const [search, setSearch] = React.useState('');
  const version = useStore(store, (s) => s.version);
  const rows = React.useMemo(() => selectConversationList(store.getState(), search), [store, search, version]);
  return (
    <Box display="flex" flexDirection="column" rowGap="space40">
      <Box maxWidth="size40">
        <Label htmlFor="conversation-search">Search by name or sid</Label>
        <Input id="conversation-search" type="text" value={search} onChange={(e) => setSearch(e.target.value)} />
      </Box>
      {rows.length === 0 ? (
        <Text as="p">No conversations{search ? ' match this search' : ' yet'}.</Text>
      ) : (
        <Table aria-label="Conversations">
          <THead>
            <Tr>
              <Th>Start</Th>
              <Th>CS</Th>
              <Th>ISS</Th>
              <Th>Support type</Th>
              <Th>Platform</Th>
              <Th>Duration</Th>
              <Th>Outcome</Th>
              <Th>
                <span aria-hidden="true" />
              </Th>
            </Tr>
          </THead>
          <TBody>
            {rows.slice(0, SHOWN).map((r) => (
              <Tr key={r.id}>
                <Td>{time(r.start)}</Td>
                <Td>{r.customerName ?? '—'}</Td>
                <Td>{r.agentNames.join(', ') || '—'}</Td>
                <Td>{r.supportTypes.join(', ')}</Td>
                <Td>{r.platform}</Td>
                <Td>{duration(r.durationSec)}</Td>
                <Td>{r.transfers > 0 ? `${r.outcome} (transferred)` : r.outcome}</Td>
                <Td>
                  <Button variant="link" onClick={() => onOpen(r.id)} aria-label={`Open conversation with ${r.customerName ?? r.id}`}>
                    Open
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Box>
  );
}
