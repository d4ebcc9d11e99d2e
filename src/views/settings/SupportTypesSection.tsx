import * as React from 'react';
import { Badge } from '@twilio-paste/core/badge';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Input } from '@twilio-paste/core/input';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
import { Label } from '@twilio-paste/core/label';
import { Table, TBody, THead, Td, Th, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import { OTHER_SUPPORT_TYPE, mappingPreview, type SettingsProblem } from '../../core';
import { Section } from './sectionParts';
import { newKey, type SupportTypeRow } from './settingsDraft';

export interface SupportTypesSectionProps {
  readonly rows: readonly SupportTypeRow[];
  readonly onRows: (rows: readonly SupportTypeRow[]) => void;
  /** The map as it would be saved, for the preview. */
  readonly map: Readonly<Record<string, readonly string[]>>;
  /** Every queue the centre has seen in this session. */
  readonly queues: readonly string[];
  readonly problems?: readonly SettingsProblem[];
}

/** Support type → queue-name patterns, with every known queue and where it would go. */
export function SupportTypesSection({ rows, onRows, map, queues, problems }: SupportTypesSectionProps): React.ReactElement {
  const preview = React.useMemo(() => mappingPreview(map, queues), [map, queues]);
  const others = preview.filter((r) => r.supportType === OTHER_SUPPORT_TYPE).length;
  const set = (i: number, patch: Partial<SupportTypeRow>) => onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Section
      id="settings-support-types"
      title="Support types"
      problems={problems}
      intro={
        <Text as="p">
          A queue belongs to the support type whose pattern is the longest text found in its name (lower-cased, spaces and dashes read as _). A queue
          matching no pattern is “other”.
        </Text>
      }
    >
      <Table>
        <THead>
          <Tr>
            <Th>Support type</Th>
            <Th>Queue-name patterns (comma-separated)</Th>
            <Th>
              <ScreenReaderOnly>Remove</ScreenReaderOnly>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {rows.map((row, i) => (
            <Tr key={row.key}>
              <Td>
                <ScreenReaderOnly>
                  <Label htmlFor={`st-${row.key}-type`}>Name of support type {i + 1}</Label>
                </ScreenReaderOnly>
                <Input id={`st-${row.key}-type`} type="text" value={row.type} onChange={(e) => set(i, { type: e.target.value })} />
              </Td>
              <Td>
                <ScreenReaderOnly>
                  <Label htmlFor={`st-${row.key}-patterns`}>Patterns of {row.type || `support type ${i + 1}`}</Label>
                </ScreenReaderOnly>
                <Input id={`st-${row.key}-patterns`} type="text" value={row.patterns} onChange={(e) => set(i, { patterns: e.target.value })} />
              </Td>
              <Td>
                <Button variant="destructive_secondary" size="small" aria-label={`Remove support type ${row.type || i + 1}`} onClick={() => onRows(rows.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Box>
        <Button variant="secondary" onClick={() => onRows([...rows, { key: newKey(), type: '', patterns: '' }])}>
          Add support type
        </Button>
      </Box>
      <Box>
        <Text as="h4" fontWeight="fontWeightSemibold" marginBottom="space20">
          Preview: queues seen in this session
        </Text>
        {preview.length === 0 ? (
          <Text as="p" color="colorTextWeak">
            No queue has been seen yet in this session.
          </Text>
        ) : (
          <>
            <Text as="p" color="colorTextWeak" marginBottom="space20" aria-live="polite">
              {others === 0 ? 'Every queue maps to a support type.' : `${others} of ${preview.length} queues map to “other”.`}
            </Text>
            <Table aria-label="Queue to support type preview">
              <THead>
                <Tr>
                  <Th>Queue</Th>
                  <Th>Support type</Th>
                  <Th>Matched by</Th>
                </Tr>
              </THead>
              <TBody>
                {preview.map((r) => (
                  <Tr key={r.queue}>
                    <Td>{r.queue}</Td>
                    <Td>
                      {r.supportType === OTHER_SUPPORT_TYPE ? (
                        <Badge as="span" variant="warning">
                          other
                        </Badge>
                      ) : r.tiedWith ? (
                        <Badge as="span" variant="error">
                          tie: {r.tiedWith.join(' / ')}
                        </Badge>
                      ) : (
                        r.supportType
                      )}
                    </Td>
                    <Td>{r.pattern ? <Text as="span" fontFamily="fontFamilyCode">{r.pattern}</Text> : '—'}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </>
        )}
      </Box>
    </Section>
  );
}
