/** The clerk's guided filing form: one step at a time, checked as typed, a summary to confirm, then the receipt. */
import { useState } from 'react';
import { Alert, Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api, newKey, unwrap } from '../api/client';
import { useSignedIn } from '../auth/session';
import { emptyDraft, filingOf, stepComplete, steps, type Draft } from '../filing/draft';
import { Receipt } from '../filing/Receipt';
import { ClaimsStep, EmployerStep, StatementStep, WorkerStep, WorkStep } from '../filing/Steps';
import { FilingSummary } from '../filing/Summary';
import { useI18n } from '../i18n';

export function FilingPage() {
  const { m } = useI18n();
  const { claims } = useSignedIn();
  const provinces = (claims.provinces ?? []).filter((p) => p !== '*');
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(provinces[0] ?? 'THR'));
  const [active, setActive] = useState(0);
  // One key per complaint: pressing "file" twice, or a retry after a lost answer, files it once.
  const [key, setKey] = useState(newKey);
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const filing = filingOf(draft);

  const file = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/cases', { params: { header: { 'Idempotency-Key': key } }, body: filing })),
  });

  if (file.data) {
    return (
      <Receipt
        caseNumber={file.data.caseNumber}
        filing={filing}
        again={() => {
          file.reset();
          setDraft(emptyDraft(draft.province));
          setActive(0);
          setKey(newKey());
        }}
      />
    );
  }

  const step = steps[active] ?? 'stepConfirm';
  const stepProps = { draft, change };
  return (
    <Stack>
      <Title order={1} size="h2">
        {m.filing.title}
      </Title>
      <Text size="sm">{m.filing.intro}</Text>
      <Stepper
        active={active}
        onStepClick={(i) => i < active && setActive(i)}
        size="sm"
        allowNextStepsSelect={false}
        wrap
      >
        {steps.map((s) => (
          <Stepper.Step key={s} label={m.filing[s]} />
        ))}
      </Stepper>
      <Title order={2} size="h3" data-testid="step-title">
        {m.filing[step]}
      </Title>
      {step === 'stepWorker' && <WorkerStep {...stepProps} provinces={provinces} />}
      {step === 'stepEmployer' && <EmployerStep {...stepProps} />}
      {step === 'stepWork' && <WorkStep {...stepProps} />}
      {step === 'stepClaims' && <ClaimsStep {...stepProps} />}
      {step === 'stepStatement' && <StatementStep {...stepProps} />}
      {step === 'stepConfirm' && (
        <Stack>
          <Text fw={700}>{m.filing.review}</Text>
          <FilingSummary filing={filing} />
        </Stack>
      )}
      {file.error && (
        <Alert color="red" role="alert" data-testid="filing-error">
          {file.error.message}
        </Alert>
      )}
      <Group>
        {active > 0 && (
          <Button variant="default" onClick={() => setActive(active - 1)}>
            {m.filing.back}
          </Button>
        )}
        {step === 'stepConfirm' ? (
          <Button size="lg" onClick={() => file.mutate()} loading={file.isPending} data-testid="file-complaint">
            {m.filing.confirm}
          </Button>
        ) : (
          <Button onClick={() => setActive(active + 1)} disabled={!stepComplete(step, draft)} data-testid="next-step">
            {m.filing.next}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
