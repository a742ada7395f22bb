/** What every action form shares: its props, the frame with submit and cancel, and the optional timeline note. */
import type { FormEvent, ReactNode } from 'react';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import type { ActionBody } from '../api/actions';
import type { ActionSegment, CaseDetail } from '../api/client';
import { useI18n } from '../i18n';

export interface FormProps<S extends ActionSegment> {
  detail: CaseDetail;
  busy: boolean;
  submit(body: ActionBody<S>): void;
  cancel(): void;
}

export function FormFrame({
  action,
  busy,
  onSubmit,
  cancel,
  children,
}: {
  action: ActionSegment;
  busy: boolean;
  onSubmit(): void;
  cancel(): void;
  children?: ReactNode;
}) {
  const { m } = useI18n();
  return (
    <form
      aria-label={m.actions[action]}
      data-testid={`form-${action}`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">
        {children}
        <Group>
          <Button type="submit" loading={busy} data-testid={`submit-${action}`}>
            {m.form.submit}
          </Button>
          <Button variant="default" onClick={cancel}>
            {m.form.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A free-text field of an action form: required unless `optional`; `rows` for text that runs to paragraphs. */
export function TextField({
  label,
  value,
  onChange,
  optional = false,
  rows,
  testId,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  optional?: boolean;
  rows?: number;
  testId?: string;
}) {
  return (
    <Textarea
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      required={!optional}
      autosize
      minRows={rows}
      data-testid={testId}
    />
  );
}

export function NoteField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { m } = useI18n();
  return <TextField label={m.form.note} value={value} onChange={onChange} optional />;
}

/** `{ note }` when a note was written: an empty note is left out rather than sent as "". */
export const withNote = (note: string) => (note.trim() ? { note: note.trim() } : {});
