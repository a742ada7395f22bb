/**
 * One button per action the user may take now (the case's `availableActions`), each opening its form; a refused
 * action shows the API's message beside its button, and a done one refreshes the case.
 */
import { useState, type ComponentType } from 'react';
import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormProps } from '../actions/common';
import { actionForms } from '../actions/registry';
import { runAction, type ActionBody } from '../api/actions';
import { newKey, type ActionSegment, type CaseDetail } from '../api/client';
import { useI18n } from '../i18n';
import { Section } from './Section';

interface Outcome {
  action: ActionSegment;
  ok: boolean;
  message: string;
}

function ActionForm<S extends ActionSegment>({ action, ...props }: FormProps<S> & { action: S }) {
  // The registry's entry for this action takes this action's props: an indexed access TS cannot narrow by itself.
  const Form = actionForms[action] as ComponentType<FormProps<S>>;
  return <Form {...props} />;
}

function OutcomeAlert({ outcome, named = false }: { outcome: Outcome; named?: boolean }) {
  const { m } = useI18n();
  return (
    <Alert
      color={outcome.ok ? 'teal' : 'red'}
      role={outcome.ok ? 'status' : 'alert'}
      data-testid={`${outcome.ok ? 'done' : 'refusal'}-${outcome.action}`}
    >
      {named ? `${m.actions[outcome.action]}: ${outcome.message}` : outcome.message}
    </Alert>
  );
}

export function ActionPanel({ detail }: { detail: CaseDetail }) {
  const { m } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ActionSegment>();
  // One key per opened form: a double submit is applied once; a new attempt after a refusal gets a new key.
  const [key, setKey] = useState(newKey);
  const [outcome, setOutcome] = useState<Outcome>();
  const allowed = detail.availableActions.filter((a) => a.allowed);

  const mutation = useMutation({
    mutationFn: (input: { action: ActionSegment; body: ActionBody<ActionSegment> }) =>
      runAction(detail.caseNumber, input.action, input.body, key),
    onSuccess: (result, { action }) => {
      setOutcome({ action, ok: true, message: result.kind === 'pending' ? m.form.pending : m.form.done });
      setOpen(undefined);
      if (result.kind === 'done') queryClient.setQueryData(['case', detail.caseNumber], result.state);
      void queryClient.invalidateQueries({ queryKey: ['case', detail.caseNumber] });
    },
    onError: (error, { action }) => {
      setOutcome({ action, ok: false, message: error.message });
      setKey(newKey());
    },
  });

  const toggle = (action: ActionSegment) => {
    setOutcome(undefined);
    setKey(newKey());
    setOpen(open === action ? undefined : action);
  };

  return (
    <Section title={m.case.actions} testId="actions">
      {allowed.length === 0 && <Text size="sm">{m.case.noActions}</Text>}
      <Stack gap="xs">
        {allowed.map(({ action }) => (
          <Stack key={action} gap={4}>
            <Button
              variant={open === action ? 'filled' : 'light'}
              onClick={() => toggle(action)}
              aria-expanded={open === action}
              data-testid={`action-${action}`}
              justify="start"
            >
              {m.actions[action]}
            </Button>
            {outcome?.action === action && <OutcomeAlert outcome={outcome} />}
            {open === action && (
              <Paper withBorder p="sm">
                <ActionForm
                  action={action}
                  detail={detail}
                  busy={mutation.isPending}
                  cancel={() => setOpen(undefined)}
                  submit={(body) => mutation.mutate({ action, body })}
                />
              </Paper>
            )}
          </Stack>
        ))}
        {/* An action done (or refused) is often no longer open: its outcome stays in view without its button. */}
        {outcome && !allowed.some((a) => a.action === outcome.action) && <OutcomeAlert outcome={outcome} named />}
      </Stack>
    </Section>
  );
}
