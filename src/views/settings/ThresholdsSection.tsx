import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
import { Select, Option } from '@twilio-paste/core/select';
import { Table, TBody, THead, Td, Th, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import { OTHER_SUPPORT_TYPE, THRESHOLD_KEYS, type SettingsProblem, type ThresholdKey } from '../../core';
import { Section } from './sectionParts';
import { FIGURE_LABELS, newKey, type ThresholdText, type TypeThresholdRow } from './settingsDraft';

export interface ThresholdsSectionProps {
  readonly general: Readonly<Record<ThresholdKey, ThresholdText>>;
  readonly onGeneral: (general: Readonly<Record<ThresholdKey, ThresholdText>>) => void;
  readonly rows: readonly TypeThresholdRow[];
  readonly onRows: (rows: readonly TypeThresholdRow[]) => void;
  /** The support types of the map being edited (and `other`). */
  readonly types: readonly string[];
  readonly problems?: readonly SettingsProblem[];
}

function isFigure(v: string): v is ThresholdKey {
  return (THRESHOLD_KEYS as readonly string[]).includes(v);
}

/** Amber and red of each live-tile figure, and a support type's own where it needs them. */
export function ThresholdsSection({ general, onGeneral, rows, onRows, types, problems }: ThresholdsSectionProps): React.ReactElement {
  const set = (i: number, patch: Partial<TypeThresholdRow>) => onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const typeOptions = [...types, OTHER_SUPPORT_TYPE];
  return (
    <Section
      id="settings-thresholds"
      title="Thresholds"
      problems={problems}
      intro={
        <Text as="p">
          A queue tile turns amber, then red, from these values on (the service level: below them, since lower is worse). A support type&apos;s own
          threshold replaces the general one for its queues only.
        </Text>
      }
    >
      <Table>
        <THead>
          <Tr>
            <Th>Figure</Th>
            <Th>Amber from</Th>
            <Th>Red from</Th>
          </Tr>
        </THead>
        <TBody>
          {THRESHOLD_KEYS.map((k) => (
            <Tr key={k}>
              <Td>{FIGURE_LABELS[k]}</Td>
              {(['amber', 'red'] as const).map((level) => (
                <Td key={level}>
                  <ScreenReaderOnly>
                    <Label htmlFor={`th-${k}-${level}`}>
                      {FIGURE_LABELS[k]}, {level}
                    </Label>
                  </ScreenReaderOnly>
                  <Input
                    id={`th-${k}-${level}`}
                    type="text"
                    inputMode="decimal"
                    value={general[k][level]}
                    onChange={(e) => onGeneral({ ...general, [k]: { ...general[k], [level]: e.target.value } })}
                  />
                </Td>
              ))}
            </Tr>
          ))}
        </TBody>
      </Table>
      <Text as="h4" fontWeight="fontWeightSemibold">
        Per support type
      </Text>
      {rows.length === 0 ? (
        <Text as="p" color="colorTextWeak">
          Every support type uses the thresholds above.
        </Text>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>Support type</Th>
              <Th>Figure</Th>
              <Th>Amber from</Th>
              <Th>Red from</Th>
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
                    <Label htmlFor={`tt-${row.key}-type`}>Support type of override {i + 1}</Label>
                  </ScreenReaderOnly>
                  <Select id={`tt-${row.key}-type`} value={row.type} onChange={(e) => set(i, { type: e.target.value })}>
                    {(typeOptions.includes(row.type) ? typeOptions : [row.type, ...typeOptions]).map((t) => (
                      <Option key={t} value={t}>
                        {t}
                      </Option>
                    ))}
                  </Select>
                </Td>
                <Td>
                  <ScreenReaderOnly>
                    <Label htmlFor={`tt-${row.key}-figure`}>Figure of override {i + 1}</Label>
                  </ScreenReaderOnly>
                  <Select
                    id={`tt-${row.key}-figure`}
                    value={row.figure}
                    onChange={(e) => {
                      if (isFigure(e.target.value)) set(i, { figure: e.target.value });
                    }}
                  >
                    {THRESHOLD_KEYS.map((k) => (
                      <Option key={k} value={k}>
                        {FIGURE_LABELS[k]}
                      </Option>
                    ))}
                  </Select>
                </Td>
                {(['amber', 'red'] as const).map((level) => (
                  <Td key={level}>
                    <ScreenReaderOnly>
                      <Label htmlFor={`tt-${row.key}-${level}`}>
                        {row.type} {FIGURE_LABELS[row.figure].toLowerCase()}, {level}
                      </Label>
                    </ScreenReaderOnly>
                    <Input id={`tt-${row.key}-${level}`} type="text" inputMode="decimal" value={row[level]} onChange={(e) => set(i, { [level]: e.target.value })} />
                  </Td>
                ))}
                <Td>
                  <Button variant="destructive_secondary" size="small" aria-label={`Remove override ${i + 1}`} onClick={() => onRows(rows.filter((_, j) => j !== i))}>
                    Remove
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Box>
        <Button
          variant="secondary"
          onClick={() =>
            onRows([...rows, { key: newKey(), type: typeOptions[0], figure: 'longestWaitSec', amber: general.longestWaitSec.amber, red: general.longestWaitSec.red }])
          }
        >
          Add a support type threshold
        </Button>
      </Box>
    </Section>
  );
}
