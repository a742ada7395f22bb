/** The officer's forms: the board, the hearing (schedule, adjourn, record), deadlines, compliance and enforcement. */
import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, NumberInput, Radio, Stack, TextInput } from '@mantine/core';
import { hearingModes, type HearingMode } from '../../../domain/vocabulary';
import { JalaliPicker } from '../components/JalaliPicker';
import { useI18n } from '../i18n';
import { FormFrame, type FormProps, TextField } from './common';

interface MemberRow {
  userId: string;
  name: string;
}

export function AssignBoard({ busy, submit, cancel }: FormProps<'assign-board'>) {
  const { m, fmt } = useI18n();
  // Three members sit on a first-instance board; the officer adds rows for a larger one.
  const [rows, setRows] = useState<MemberRow[]>(() => Array.from({ length: 3 }, () => ({ userId: '', name: '' })));
  const [presiding, setPresiding] = useState(0);
  const update = (i: number, change: Partial<MemberRow>) =>
    setRows(rows.map((row, j) => (i === j ? { ...row, ...change } : row)));
  const members = rows
    .map((row, i) => ({ userId: row.userId.trim(), name: row.name.trim(), presiding: i === presiding }))
    .filter((row) => row.userId);
  return (
    <FormFrame action="assign-board" busy={busy} cancel={cancel} onSubmit={() => submit({ members })}>
      <Radio.Group label={m.form.members} value={String(presiding)} onChange={(v) => setPresiding(Number(v))}>
        <Stack gap="xs">
          {rows.map((row, i) => (
            <Group key={i} align="end" wrap="wrap">
              <TextInput
                label={fmt(m.form.memberId, { n: i + 1 })}
                value={row.userId}
                onChange={(e) => update(i, { userId: e.currentTarget.value })}
                required={i === 0}
                className="ltr"
                data-testid={`member-id-${i}`}
              />
              <TextInput
                label={fmt(m.form.memberName, { n: i + 1 })}
                value={row.name}
                onChange={(e) => update(i, { name: e.currentTarget.value })}
                required={Boolean(row.userId.trim())}
                data-testid={`member-name-${i}`}
              />
              <Radio value={String(i)} label={fmt(m.form.presidingMember, { n: i + 1 })} mb={8} />
            </Group>
          ))}
        </Stack>
      </Radio.Group>
      <Button variant="default" onClick={() => setRows([...rows, { userId: '', name: '' }])} w="fit-content">
        {m.form.addMember}
      </Button>
    </FormFrame>
  );
}

export function ScheduleHearing({ busy, submit, cancel }: FormProps<'schedule-hearing'>) {
  const { m } = useI18n();
  const [at, setAt] = useState('');
  const [mode, setMode] = useState<HearingMode>('in_person');
  const [location, setLocation] = useState('');
  return (
    <FormFrame
      action="schedule-hearing"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit({ at, mode, ...(location.trim() ? { location: location.trim() } : {}) })}
    >
      <JalaliPicker label={m.form.at} value={at} onChange={setAt} withTime required testId="hearing-at" />
      <Radio.Group label={m.form.mode} value={mode} onChange={(v) => setMode(v as HearingMode)}>
        <Group>
          {hearingModes.map((x) => (
            <Radio key={x} value={x} label={m.modes[x]} />
          ))}
        </Group>
      </Radio.Group>
      <TextInput label={m.form.location} value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
    </FormFrame>
  );
}

export function AdjournHearing({ busy, submit, cancel }: FormProps<'adjourn-hearing'>) {
  const { m } = useI18n();
  const [reason, setReason] = useState('');
  const [newAt, setNewAt] = useState('');
  return (
    <FormFrame action="adjourn-hearing" busy={busy} cancel={cancel} onSubmit={() => submit({ reason, newAt })}>
      <TextField label={m.form.reason} value={reason} onChange={setReason} />
      <JalaliPicker label={m.form.newAt} value={newAt} onChange={setNewAt} withTime required testId="adjourn-at" />
    </FormFrame>
  );
}

export function RecordHearingHeld({ busy, submit, cancel }: FormProps<'record-hearing-held'>) {
  const { m } = useI18n();
  const [complainant, setComplainant] = useState(true);
  const [respondent, setRespondent] = useState(true);
  const [minutes, setMinutes] = useState('');
  return (
    <FormFrame
      action="record-hearing-held"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit({ attendance: { complainant, respondent }, minutes })}
    >
      <Checkbox
        label={m.form.attendanceComplainant}
        checked={complainant}
        onChange={(e) => setComplainant(e.currentTarget.checked)}
      />
      <Checkbox
        label={m.form.attendanceRespondent}
        checked={respondent}
        onChange={(e) => setRespondent(e.currentTarget.checked)}
      />
      <TextField label={m.form.minutes} value={minutes} onChange={setMinutes} rows={3} />
    </FormFrame>
  );
}

export function ExtendDeadline({ detail, busy, submit, cancel }: FormProps<'extend-deadline'>) {
  const { m } = useI18n();
  const open = detail.deadlines.filter((d) => d.open);
  const [index, setIndex] = useState(0);
  const [businessDays, setBusinessDays] = useState<number | string>(5);
  const [reason, setReason] = useState('');
  const chosen = open[index];
  return (
    <FormFrame
      action="extend-deadline"
      busy={busy}
      cancel={cancel}
      onSubmit={() =>
        chosen &&
        submit({
          deadline: chosen.kind,
          ...(chosen.party ? { party: chosen.party } : {}),
          businessDays: Number(businessDays),
          reason,
        })
      }
    >
      <NativeSelect
        label={m.form.deadline}
        value={String(index)}
        onChange={(e) => setIndex(Number(e.currentTarget.value))}
        data={open.map((d, i) => ({
          value: String(i),
          label: `${m.deadlineKinds[d.kind]}${d.party ? ` · ${m.sides[d.party]}` : ''}`,
        }))}
        required
      />
      <NumberInput label={m.form.businessDays} value={businessDays} onChange={setBusinessDays} min={1} max={365} />
      <TextField label={m.form.reason} value={reason} onChange={setReason} />
    </FormFrame>
  );
}

export function RecordCompliance({ busy, submit, cancel }: FormProps<'record-compliance'>) {
  const { m } = useI18n();
  const [evidence, setEvidence] = useState('');
  return (
    <FormFrame
      action="record-compliance"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit(evidence.trim() ? { evidence: evidence.trim() } : {})}
    >
      <TextField label={m.form.evidence} value={evidence} onChange={setEvidence} optional />
    </FormFrame>
  );
}

export function RecordEnforcementDecision({ busy, submit, cancel }: FormProps<'record-enforcement-decision'>) {
  const { m } = useI18n();
  const [decision, setDecision] = useState<'close' | 're_refer'>('close');
  const [reason, setReason] = useState('');
  return (
    <FormFrame
      action="record-enforcement-decision"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit({ decision, reason })}
    >
      <Radio.Group
        label={m.form.enforcement}
        value={decision}
        onChange={(v) => setDecision(v === 're_refer' ? 're_refer' : 'close')}
      >
        <Group>
          <Radio value="close" label={m.form.close} />
          <Radio value="re_refer" label={m.form.reRefer} />
        </Group>
      </Radio.Group>
      <TextField label={m.form.reason} value={reason} onChange={setReason} />
    </FormFrame>
  );
}
