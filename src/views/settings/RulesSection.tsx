import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { HelpText } from '@twilio-paste/core/help-text';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
import { Select, Option } from '@twilio-paste/core/select';
import { Table, TBody, THead, Td, Th, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import { DRILL_DOWN_ACTIONS, type DrillDownAction, type DrillDownRule } from '../../core';
import { Section } from './sectionParts';
import { ACTION_LABELS, NEW_RULE, addRule, check, describeTry, moveDown, moveUp, removeRule, tryUrl, updateAction, updatePattern } from './settings.model';
import { newKey, type RuleRow } from './settingsDraft';

export interface RulesSectionProps {
  readonly rows: readonly RuleRow[];
  readonly onRows: (rows: readonly RuleRow[]) => void;
}

/** The admin's drill-down rules: ordered rows, and a URL to try them on. */
export function RulesSection({ rows, onRows }: RulesSectionProps): React.ReactElement {
  const [url, setUrl] = React.useState('');
  const checked = React.useMemo(() => check(rows), [rows]);
  const tried = React.useMemo(() => tryUrl(url, rows), [url, rows]);
  const edit = (next: readonly RuleRow[]) => {
    if (next !== rows) onRows(next);
  };
  return (
    <Section
      id="settings-rules"
      title="Drill-down rules"
      intro={
        <Text as="p">
          What a click on a drill-down link does. The first rule whose pattern matches the whole URL wins; in a pattern, * is any run of characters and ?
          is one character.
        </Text>
      }
    >
      {rows.length === 0 ? (
        <Text as="p">No rules: every drill-down link opens in the drill-down screen.</Text>
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>Pattern</Th>
              <Th>Action</Th>
              <Th>Order</Th>
            </Tr>
          </THead>
          <TBody>
            {rows.map((row, i) => (
              <RuleRowView
                key={row.key}
                index={i}
                count={rows.length}
                rule={row}
                problems={checked.rows[i] ?? []}
                onPattern={(p) => edit(updatePattern(rows, i, p))}
                onAction={(a) => edit(updateAction(rows, i, a))}
                onUp={() => edit(moveUp(rows, i))}
                onDown={() => edit(moveDown(rows, i))}
                onRemove={() => edit(removeRule(rows, i))}
              />
            ))}
          </TBody>
        </Table>
      )}
      {checked.general.map((p) => (
        <HelpText key={p} variant="error">
          {p}
        </HelpText>
      ))}
      <Box>
        <Button variant="secondary" onClick={() => edit(addRule(rows, { ...NEW_RULE, key: newKey() }))}>
          Add rule
        </Button>
      </Box>
      <Box maxWidth="size70">
        <Label htmlFor="settings-try-url">Try a URL</Label>
        <Input id="settings-try-url" type="text" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby="settings-try-result" />
        <HelpText id="settings-try-result" aria-live="polite">
          {describeTry(tried)}
        </HelpText>
      </Box>
    </Section>
  );
}

interface RuleRowViewProps {
  readonly index: number;
  readonly count: number;
  readonly rule: DrillDownRule;
  readonly problems: readonly string[];
  readonly onPattern: (pattern: string) => void;
  readonly onAction: (action: DrillDownAction) => void;
  readonly onUp: () => void;
  readonly onDown: () => void;
  readonly onRemove: () => void;
}

function isAction(value: string): value is DrillDownAction {
  return (DRILL_DOWN_ACTIONS as readonly string[]).includes(value);
}

function RuleRowView({ index, count, rule, problems, onPattern, onAction, onUp, onDown, onRemove }: RuleRowViewProps): React.ReactElement {
  const n = index + 1;
  const id = `settings-rule-${index}`;
  const problemsId = `${id}-problems`;
  const hasError = problems.length > 0;
  return (
    <Tr>
      <Td>
        <ScreenReaderOnly>
          <Label htmlFor={`${id}-pattern`}>Pattern of rule {n}</Label>
        </ScreenReaderOnly>
        <Input
          id={`${id}-pattern`}
          type="text"
          value={rule.pattern}
          hasError={hasError}
          aria-invalid={hasError}
          aria-describedby={hasError ? problemsId : undefined}
          onChange={(e) => onPattern(e.target.value)}
        />
        {hasError ? (
          <HelpText id={problemsId} variant="error">
            {problems.join(' ')}
          </HelpText>
        ) : null}
      </Td>
      <Td>
        <ScreenReaderOnly>
          <Label htmlFor={`${id}-action`}>Action of rule {n}</Label>
        </ScreenReaderOnly>
        <Select
          id={`${id}-action`}
          value={rule.action}
          onChange={(e) => {
            if (isAction(e.target.value)) onAction(e.target.value);
          }}
        >
          {DRILL_DOWN_ACTIONS.map((a) => (
            <Option key={a} value={a}>
              {ACTION_LABELS[a]}
            </Option>
          ))}
        </Select>
      </Td>
      <Td>
        <Box display="flex" columnGap="space20">
          <Button variant="secondary" size="small" aria-label={`Move rule ${n} up`} disabled={index === 0} onClick={onUp}>
            Up
          </Button>
          <Button variant="secondary" size="small" aria-label={`Move rule ${n} down`} disabled={index === count - 1} onClick={onDown}>
            Down
          </Button>
          <Button variant="destructive_secondary" size="small" aria-label={`Delete rule ${n}`} onClick={onRemove}>
            Delete
          </Button>
        </Box>
      </Td>
    </Tr>
  );
}
