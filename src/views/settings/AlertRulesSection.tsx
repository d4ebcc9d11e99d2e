import * as React from 'react';
import { Box } from '@twilio-paste/core/box';
import { Button } from '@twilio-paste/core/button';
import { Input } from '@twilio-paste/core/input';
import { Label } from '@twilio-paste/core/label';
import { Select, Option } from '@twilio-paste/core/select';
import { Text } from '@twilio-paste/core/text';
import {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  OTHER_SUPPORT_TYPE,
  alertRuleFieldsOf,
  type AlertFigureField,
  type AlertKind,
  type AlertSeverity,
  type AlertSubjectField,
  type SettingsProblem,
} from '../../core';
import { SEVERITY_WORDS } from '../alerts';
import { Section } from './sectionParts';
import { newAlertRule, withKind, type AlertRuleRow } from './settingsDraft';

export interface AlertRulesSectionProps {
  readonly rows: readonly AlertRuleRow[];
  readonly onRows: (rows: readonly AlertRuleRow[]) => void;
  /** The support types of the map being edited (`other` is added). */
  readonly types: readonly string[];
  /** The platforms being edited (the default and each channel's). */
  readonly platforms: readonly string[];
  readonly problems?: readonly SettingsProblem[];
}

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  contactWait: 'A contact waits too long',
  waitingCount: 'Too many contacts waiting',
  serviceLevel: 'Service level today too low',
  noAgentAvailable: 'Nobody Available while contacts wait',
  agentActivity: 'An agent in one activity too long',
  agentWrapup: 'An agent in wrap-up too long',
  agentRona: 'An agent with too many RONAs',
};


const SUBJECT_LABELS: Readonly<Record<AlertSubjectField, string>> = { queue: 'A queue', supportType: 'A support type', platform: 'A platform', activity: 'Activity' };

/** What a rule with no subject watches. */
function anyLabel(kind: AlertKind): string {
  if (kind === 'contactWait') return 'Any contact';
  if (kind === 'noAgentAvailable') return 'Any platform';
  return 'Any queue';
}

/** The label of a rule's number, by kind: what the rule alerts from. */
function figureLabel(kind: AlertKind, figure: AlertFigureField): string {
  switch (figure) {
    case 'seconds':
      return 'Waiting over (s)';
    case 'below':
      return 'Below (0–1)';
    case 'minutes':
      return 'Over (min)';
    case 'count':
      return kind === 'agentRona' ? 'RONAs in the last hour, from' : 'Contacts waiting, from';
  }
}

/** The fields of rule `index` that have a problem (`alertRules[2].holdSec` → `holdSec`). */
function fieldsWithProblems(problems: readonly SettingsProblem[] | undefined, index: number): Set<string> {
  const out = new Set<string>();
  const head = `alertRules[${index}].`;
  for (const p of problems ?? []) if (p.field.startsWith(head)) out.add(p.field.slice(head.length));
  return out;
}

const isKind = (v: string): v is AlertKind => (ALERT_KINDS as readonly string[]).includes(v);
const isSeverity = (v: string): v is AlertSeverity => (ALERT_SEVERITIES as readonly string[]).includes(v);

/** A list with the current value first when it is not in it (a value typed elsewhere stays visible, and its problem says why). */
const withCurrent = (list: readonly string[], current: string): readonly string[] => (current === '' || list.includes(current) ? list : [current, ...list]);

/** The live alert rules: what each watches, from which value, how loud, and how long it holds before it raises or clears. */
export function AlertRulesSection({ rows, onRows, types, platforms, problems }: AlertRulesSectionProps): React.ReactElement {
  const set = (i: number, patch: Partial<AlertRuleRow>) => onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const typeOptions = [...types, OTHER_SUPPORT_TYPE];
  return (
    <Section
      id="settings-alerts"
      title="Alert rules"
      problems={problems}
      intro={
        <Text as="p">
          An alert raises once its condition has held for the hold time, and clears once it has been false for the clear time. The whole list is saved:
          a rule removed here stops alerting.
        </Text>
      }
    >
      {rows.length === 0 ? (
        <Text as="p" color="colorTextWeak">
          No alert rule: the alert strip stays empty.
        </Text>
      ) : null}
      {rows.map((row, i) => {
        const fields = alertRuleFieldsOf(row.kind);
        const bad = fieldsWithProblems(problems, i);
        const id = (f: string) => `ar-${row.key}-${f}`;
        const field = (f: string, label: string, control: React.ReactElement) => (
          <Box minWidth="size20">
            <Label htmlFor={id(f)}>{label}</Label>
            {React.cloneElement(control, { id: id(f), hasError: bad.has(f) })}
          </Box>
        );
        const subjectField = row.subjectField;
        return (
          <Box
            key={row.key}
            role="group"
            aria-label={`Alert rule ${i + 1}`}
            display="flex"
            flexWrap="wrap"
            columnGap="space40"
            rowGap="space30"
            alignItems="flex-end"
            paddingBottom="space40"
            borderBottomStyle="solid"
            borderBottomWidth="borderWidth10"
            borderBottomColor="colorBorderWeaker"
          >
            {field('id', 'Name', <Input type="text" value={row.id} onChange={(e) => set(i, { id: e.target.value })} />)}
            {field(
              'kind',
              'Kind',
              <Select value={row.kind} onChange={(e) => isKind(e.target.value) && set(i, withKind(row, e.target.value))}>
                {ALERT_KINDS.map((k) => (
                  <Option key={k} value={k}>
                    {ALERT_KIND_LABELS[k]}
                  </Option>
                ))}
              </Select>,
            )}
            {fields.subjects.length > 0 && !fields.subjectRequired
              ? field(
                  'watches',
                  'Watches',
                  <Select
                    value={subjectField}
                    onChange={(e) => {
                      const next = fields.subjects.find((s) => s === e.target.value) ?? '';
                      set(i, { subjectField: next, subject: next === 'supportType' ? typeOptions[0] : next === 'platform' ? (platforms[0] ?? '') : '' });
                    }}
                  >
                    <Option value="">{anyLabel(row.kind)}</Option>
                    {fields.subjects.map((s) => (
                      <Option key={s} value={s}>
                        {SUBJECT_LABELS[s]}
                      </Option>
                    ))}
                  </Select>,
                )
              : null}
            {subjectField === 'supportType'
              ? field(
                  'supportType',
                  'Support type',
                  <Select value={row.subject} onChange={(e) => set(i, { subject: e.target.value })}>
                    {withCurrent(typeOptions, row.subject).map((t) => (
                      <Option key={t} value={t}>
                        {t}
                      </Option>
                    ))}
                  </Select>,
                )
              : subjectField === 'platform'
                ? field(
                    'platform',
                    'Platform',
                    <Select value={row.subject} onChange={(e) => set(i, { subject: e.target.value })}>
                      {withCurrent(platforms, row.subject).map((p) => (
                        <Option key={p} value={p}>
                          {p}
                        </Option>
                      ))}
                    </Select>,
                  )
                : subjectField !== ''
                  ? field(subjectField, subjectField === 'queue' ? 'Queue name' : 'Activity', <Input type="text" value={row.subject} onChange={(e) => set(i, { subject: e.target.value })} />)
                  : null}
            {fields.figure
              ? field(fields.figure, figureLabel(row.kind, fields.figure), <Input type="text" inputMode="decimal" value={row.figure} onChange={(e) => set(i, { figure: e.target.value })} />)
              : null}
            {field(
              'severity',
              'Severity',
              <Select value={row.severity} onChange={(e) => isSeverity(e.target.value) && set(i, { severity: e.target.value })}>
                {ALERT_SEVERITIES.map((s) => (
                  <Option key={s} value={s}>
                    {SEVERITY_WORDS[s]}
                  </Option>
                ))}
              </Select>,
            )}
            {field('holdSec', 'Hold (s)', <Input type="text" inputMode="numeric" value={row.holdSec} onChange={(e) => set(i, { holdSec: e.target.value })} />)}
            {field('clearSec', 'Clear (s)', <Input type="text" inputMode="numeric" value={row.clearSec} onChange={(e) => set(i, { clearSec: e.target.value })} />)}
            {field('label', 'Label (optional)', <Input type="text" value={row.label} onChange={(e) => set(i, { label: e.target.value })} />)}
            <Box>
              <Button variant="destructive_secondary" size="small" aria-label={`Remove alert rule ${i + 1}`} onClick={() => onRows(rows.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </Box>
          </Box>
        );
      })}
      <Box>
        <Button variant="secondary" onClick={() => onRows([...rows, newAlertRule(rows)])}>
          Add an alert rule
        </Button>
      </Box>
    </Section>
  );
}
