/** Forms of the intake, service and party actions: accept, correct, reject, serve by hand, respond, appeal, settle. */
import { useState } from 'react';
import { NativeSelect, Radio, Group, TextInput } from '@mantine/core';
import { manualServiceMethods, sides, type ManualServiceMethod, type Side } from '../../../domain/vocabulary';
import { JalaliPicker } from '../components/JalaliPicker';
import { useI18n } from '../i18n';
import { FormFrame, NoteField, withNote, type FormProps, TextField } from './common';

export function AcceptComplaint({ busy, submit, cancel }: FormProps<'accept-complaint'>) {
  const [note, setNote] = useState('');
  return (
    <FormFrame action="accept-complaint" busy={busy} cancel={cancel} onSubmit={() => submit(withNote(note))}>
      <NoteField value={note} onChange={setNote} />
    </FormFrame>
  );
}

/** The actions whose body is a reason (and a note): reject, withdraw. */
function ReasonOnly({
  action,
  busy,
  submit,
  cancel,
}: FormProps<'reject-complaint' | 'withdraw'> & { action: 'reject-complaint' | 'withdraw' }) {
  const { m } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <FormFrame action={action} busy={busy} cancel={cancel} onSubmit={() => submit({ reason })}>
      <TextField label={m.form.reason} value={reason} onChange={setReason} />
    </FormFrame>
  );
}

export const RejectComplaint = (props: FormProps<'reject-complaint'>) => (
  <ReasonOnly action="reject-complaint" {...props} />
);
export const Withdraw = (props: FormProps<'withdraw'>) => <ReasonOnly action="withdraw" {...props} />;

export function RequestCorrection({ busy, submit, cancel }: FormProps<'request-correction'>) {
  const { m } = useI18n();
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState('');
  const list = fields
    .split(/[,،]/)
    .map((f) => f.trim())
    .filter(Boolean);
  return (
    <FormFrame
      action="request-correction"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit({ reason, ...(list.length ? { fields: list } : {}) })}
    >
      <TextField label={m.form.reason} value={reason} onChange={setReason} />
      <TextInput label={m.form.fields} value={fields} onChange={(e) => setFields(e.currentTarget.value)} />
    </FormFrame>
  );
}

export function SubmitCorrection({ detail, busy, submit, cancel }: FormProps<'submit-correction'>) {
  const { m } = useI18n();
  const [statement, setStatement] = useState(detail.statement ?? '');
  return (
    <FormFrame
      action="submit-correction"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit({ changes: { statement } })}
    >
      <TextField label={m.form.changes} value={statement} onChange={setStatement} rows={3} />
    </FormFrame>
  );
}

function SideChoice({ label, value, onChange }: { label: string; value: Side; onChange(side: Side): void }) {
  const { m } = useI18n();
  return (
    <Radio.Group label={label} value={value} onChange={(v) => onChange(v as Side)} required>
      <Group>
        {sides.map((s) => (
          <Radio key={s} value={s} label={m.sides[s]} />
        ))}
      </Group>
    </Radio.Group>
  );
}

export function RecordManualService({ busy, submit, cancel }: FormProps<'record-manual-service'>) {
  const { m } = useI18n();
  const [recipient, setRecipient] = useState<Side>('respondent');
  const [servedAt, setServedAt] = useState('');
  const [method, setMethod] = useState<ManualServiceMethod>('in_person');
  return (
    <FormFrame
      action="record-manual-service"
      busy={busy}
      cancel={cancel}
      onSubmit={() => submit({ recipient, servedAt, method })}
    >
      <SideChoice label={m.form.recipient} value={recipient} onChange={setRecipient} />
      <JalaliPicker label={m.form.servedAt} value={servedAt} onChange={setServedAt} withTime required />
      <NativeSelect
        label={m.form.method}
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value as ManualServiceMethod)}
        data={manualServiceMethods.map((x) => ({ value: x, label: m.methods[x] }))}
      />
    </FormFrame>
  );
}

export function RecordResponse({ busy, submit, cancel }: FormProps<'record-response'>) {
  const { m } = useI18n();
  const [text, setText] = useState('');
  return (
    <FormFrame action="record-response" busy={busy} cancel={cancel} onSubmit={() => submit({ text })}>
      <TextField label={m.form.text} value={text} onChange={setText} rows={3} />
    </FormFrame>
  );
}

export function FileAppeal({ busy, submit, cancel }: FormProps<'file-appeal'>) {
  const { m } = useI18n();
  const [party, setParty] = useState<Side>('respondent');
  const [grounds, setGrounds] = useState('');
  return (
    <FormFrame action="file-appeal" busy={busy} cancel={cancel} onSubmit={() => submit({ party, grounds })}>
      <SideChoice label={m.form.party} value={party} onChange={setParty} />
      <TextField label={m.form.grounds} value={grounds} onChange={setGrounds} rows={3} />
    </FormFrame>
  );
}

export function Settle({ busy, submit, cancel }: FormProps<'settle'>) {
  const { m } = useI18n();
  const [terms, setTerms] = useState('');
  return (
    <FormFrame action="settle" busy={busy} cancel={cancel} onSubmit={() => submit({ terms })}>
      <TextField label={m.form.terms} value={terms} onChange={setTerms} rows={3} />
    </FormFrame>
  );
}

export function SetAsideService({ detail, busy, submit, cancel }: FormProps<'set-aside-service'>) {
  const { m, date } = useI18n();
  const served = detail.notices.filter((n) => n.servedAt && !n.setAside);
  const [noticeKey, setNoticeKey] = useState(served[0]?.key ?? '');
  const [reason, setReason] = useState('');
  return (
    <FormFrame action="set-aside-service" busy={busy} cancel={cancel} onSubmit={() => submit({ noticeKey, reason })}>
      <NativeSelect
        label={m.form.noticeKey}
        value={noticeKey}
        onChange={(e) => setNoticeKey(e.currentTarget.value)}
        data={served.map((n) => ({
          value: n.key,
          label: `${m.documentTypes[n.documentType]} · ${m.sides[n.recipient]} · ${n.servedAt ? date(n.servedAt) : ''}`,
        }))}
        required
      />
      <TextField label={m.form.reason} value={reason} onChange={setReason} />
    </FormFrame>
  );
}
