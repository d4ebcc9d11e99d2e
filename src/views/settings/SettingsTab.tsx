import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Heading } from '@twilio-paste/core/heading';
import { HelpText } from '@twilio-paste/core/help-text';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { ScreenReaderOnly } from '@twilio-paste/core/screen-reader-only';
import { Select, Option } from '@twilio-paste/core/select';
import { Table, TBody, THead, Td, Th, Tr } from '@twilio-paste/core/table';
import { Text } from '@twilio-paste/core/text';
import { TextArea } from '@twilio-paste/core/textarea';
import { DRILL_DOWN_ACTIONS, type DrillDownAction, type DrillDownRule } from '../../core';
import type { RulesPersistence, SaveResult } from './persistence';
import {
  ACTION_LABELS,
  NEW_RULE,
  addRule,
  check,
  describeTry,
  moveDown,
  moveUp,
  removeRule,
  tryUrl,
  updateAction,
  updatePattern,
} from './settings.model';

export interface SettingsTabProps {
  /** The rules in force when the tab opens. */
  readonly rules: readonly DrillDownRule[];
  readonly persistence: RulesPersistence;
  /** Called with the stored rules after a save that took effect (`saved`), so the session uses them at once. */
  readonly onChange?: (rules: DrillDownRule[]) => void;
}

// A row keeps a key of its own so React moves its inputs (and focus) with it.
interface Row extends DrillDownRule {
  readonly key: number;
}

type SaveState = { readonly kind: 'idle' } | { readonly kind: 'saving' } | { readonly kind: 'failed'; readonly message: string } | SaveResult;

/** The admin's drill-down rules editor: rows, a URL to try them on, and Save. */
export function SettingsTab({ rules, persistence, onChange }: SettingsTabProps): React.ReactElement {
  const nextKey = React.useRef(rules.length);
  const [rows, setRows] = React.useState<readonly Row[]>(() => rules.map((r, key) => ({ ...r, key })));
  const [url, setUrl] = React.useState('');
  const [saveState, setSaveState] = React.useState<SaveState>({ kind: 'idle' });
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const checked = React.useMemo(() => check(rows), [rows]);
  const tried = React.useMemo(() => tryUrl(url, rows), [url, rows]);

  const edit = (next: readonly Row[]) => {
    if (next === rows) return;
    setRows(next);
    setSaveState({ kind: 'idle' });
  };

  const save = async () => {
    const stored = checked.rules;
    setSaveState({ kind: 'saving' });
    try {
      const result = await persistence.save(stored);
      if (!mounted.current) return;
      setSaveState(result);
      if (result.kind === 'saved') onChange?.(stored);
    } catch (err) {
      if (mounted.current) setSaveState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <Box display="flex" flexDirection="column" rowGap="space60">
      <Heading as="h3" variant="heading30">
        Drill-down rules
      </Heading>
      <Text as="p">
        What a click on a drill-down link does. The first rule whose pattern matches the whole URL wins; in a pattern,
        * is any run of characters and ? is one character.
      </Text>
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
              <RuleRow
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
        <Button variant="secondary" onClick={() => edit(addRule(rows, { ...NEW_RULE, key: nextKey.current++ }))}>
          Add rule
        </Button>
      </Box>
      <Box>
        <Label htmlFor="settings-try-url">Try a URL</Label>
        <Input id="settings-try-url" type="text" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby="settings-try-result" />
        <HelpText id="settings-try-result" aria-live="polite">
          {describeTry(tried)}
        </HelpText>
      </Box>
      <Box>
        <Button variant="primary" disabled={!checked.ok || saveState.kind === 'saving'} onClick={() => void save()}>
          Save
        </Button>
        {!checked.ok ? <HelpText variant="error">Fix the problems above to save.</HelpText> : null}
      </Box>
      <SaveOutcome state={saveState} />
    </Box>
  );
}

interface RuleRowProps {
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

function RuleRow({ index, count, rule, problems, onPattern, onAction, onUp, onDown, onRemove }: RuleRowProps): React.ReactElement {
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

function SaveOutcome({ state }: { readonly state: SaveState }): React.ReactElement | null {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'saving':
      return <Text as="p" role="status">Saving…</Text>;
    case 'saved':
      return <Text as="p" role="status">Saved</Text>;
    case 'failed':
      return (
        <HelpText variant="error" role="alert">
          Could not save: {state.message}
        </HelpText>
      );
    case 'copy':
      return (
        <Box>
          <Label htmlFor="settings-rules-json">Rules as JSON</Label>
          <TextArea id="settings-rules-json" readOnly value={state.json} aria-describedby="settings-rules-json-help" />
          <HelpText id="settings-rules-json-help">{state.instructions}</HelpText>
        </Box>
      );
  }
}
