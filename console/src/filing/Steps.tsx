/** The filing form's steps, in the order a worker tells the story: who, against whom, the work, claims, statement. */
import { useState } from 'react';
import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { provinceByCode } from '../../../domain/provinces';
import { claimKinds, type ClaimKind } from '../../../domain/vocabulary';
import { JalaliPicker } from '../components/JalaliPicker';
import { useI18n } from '../i18n';
import { jalaliYearOfInstant } from '../lib/calendar';
import { onlyDigits } from '../lib/digits';
import type { Draft, DraftClaim } from './draft';
import { DismissalEstimate } from './Estimate';
import { IdInput } from './IdInput';

export interface StepProps {
  draft: Draft;
  change(patch: Partial<Draft>): void;
}

export function WorkerStep({ draft, change, provinces }: StepProps & { provinces: string[] }) {
  const { m, lang } = useI18n();
  return (
    <Stack>
      <Group grow wrap="wrap">
        <NativeSelect
          label={m.filing.province}
          value={draft.province}
          onChange={(e) => change({ province: e.currentTarget.value })}
          data={provinces.map((code) => ({ value: code, label: provinceByCode(code)?.[lang] ?? code }))}
        />
        <NativeSelect
          label={m.filing.channel}
          value={draft.channel}
          onChange={(e) => change({ channel: e.currentTarget.value === 'office' ? 'office' : 'counter' })}
          data={[
            { value: 'counter', label: m.channels.counter },
            { value: 'office', label: m.channels.office },
          ]}
        />
      </Group>
      <TextInput
        label={m.filing.workerName}
        value={draft.workerName}
        onChange={(e) => change({ workerName: e.currentTarget.value })}
        required
        data-testid="worker-name"
      />
      <IdInput
        label={m.filing.workerId}
        value={draft.workerId}
        onChange={(workerId) => change({ workerId })}
        length={10}
        testId="worker-id"
      />
      <TextInput
        label={m.filing.workerPhone}
        value={draft.phone}
        onChange={(e) => change({ phone: onlyDigits(e.currentTarget.value) })}
        inputMode="tel"
        className="ltr"
      />
      <Textarea
        label={m.filing.workerAddress}
        value={draft.address}
        onChange={(e) => change({ address: e.currentTarget.value })}
      />
    </Stack>
  );
}

export function EmployerStep({ draft, change }: StepProps) {
  const { m } = useI18n();
  return (
    <Stack>
      <Radio.Group
        label={m.filing.employerKind}
        value={draft.employerIsCompany ? 'company' : 'person'}
        onChange={(v) => change({ employerIsCompany: v === 'company', employerId: '' })}
      >
        <Group>
          <Radio value="company" label={m.filing.company} />
          <Radio value="person" label={m.filing.person} />
        </Group>
      </Radio.Group>
      <TextInput
        label={m.filing.employerName}
        value={draft.employerName}
        onChange={(e) => change({ employerName: e.currentTarget.value })}
        required
        data-testid="employer-name"
      />
      <IdInput
        label={draft.employerIsCompany ? m.filing.employerLegalId : m.filing.employerNationalId}
        value={draft.employerId}
        onChange={(employerId) => change({ employerId })}
        length={draft.employerIsCompany ? 11 : 10}
        testId="employer-id"
      />
      <Textarea
        label={m.filing.workshopAddress}
        value={draft.workshopAddress}
        onChange={(e) => change({ workshopAddress: e.currentTarget.value })}
      />
    </Stack>
  );
}

export function WorkStep({ draft, change }: StepProps) {
  const { m } = useI18n();
  const thisYear = jalaliYearOfInstant(new Date().toISOString());
  const years: [number, number] = [1340, thisYear];
  return (
    <Stack>
      <Group align="start" wrap="wrap">
        <JalaliPicker
          label={m.filing.startedOn}
          value={draft.startedOn}
          onChange={(startedOn) => change({ startedOn })}
          years={years}
          required
          testId="started-on"
        />
        <JalaliPicker
          label={m.filing.endedOn}
          value={draft.endedOn}
          onChange={(endedOn) => change({ endedOn })}
          years={years}
          testId="ended-on"
        />
      </Group>
      <TextInput
        label={m.filing.jobTitle}
        value={draft.jobTitle}
        onChange={(e) => change({ jobTitle: e.currentTarget.value })}
        required
        data-testid="job-title"
      />
      <NumberInput
        label={m.filing.wage}
        value={draft.wage}
        onChange={(wage) => change({ wage })}
        min={0}
        thousandSeparator=","
        allowDecimal={false}
        required
        data-testid="wage"
      />
    </Stack>
  );
}

export function ClaimsStep({ draft, change }: StepProps) {
  const { m, rials } = useI18n();
  const [kind, setKind] = useState<ClaimKind>('unpaid_wages');
  const [amount, setAmount] = useState<number | string>('');
  const [description, setDescription] = useState('');
  const add = () => {
    const claim: DraftClaim = { kind, description: description.trim() || m.claimKinds[kind] };
    if (amount !== '') claim.amountRials = Number(amount);
    change({ claims: [...draft.claims, claim] });
    setAmount('');
    setDescription('');
  };
  const dismissal = kind === 'wrongful_dismissal' || draft.claims.some((c) => c.kind === 'wrongful_dismissal');
  return (
    <Stack>
      {draft.claims.length === 0 ? (
        <Text size="sm">{m.filing.noClaims}</Text>
      ) : (
        <Table data-testid="draft-claims">
          <Table.Tbody>
            {draft.claims.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Td>{m.claimKinds[c.kind]}</Table.Td>
                <Table.Td>{c.amountRials !== undefined ? rials(c.amountRials) : m.case.noAmount}</Table.Td>
                <Table.Td>{c.description}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red.9"
                    onClick={() => change({ claims: draft.claims.filter((_, j) => j !== i) })}
                  >
                    {m.filing.removeClaim}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NativeSelect
        label={m.filing.claimKind}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as ClaimKind)}
        data={claimKinds.map((k) => ({ value: k, label: m.claimKinds[k] }))}
        data-testid="claim-kind"
      />
      <NumberInput
        label={m.filing.claimAmount}
        value={amount}
        onChange={setAmount}
        min={0}
        thousandSeparator=","
        allowDecimal={false}
        data-testid="claim-amount"
      />
      <TextInput
        label={m.filing.claimDescription}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        data-testid="claim-description"
      />
      <Button variant="outline" onClick={add} w="fit-content" data-testid="add-claim">
        {m.filing.addClaim}
      </Button>
      {dismissal && <DismissalEstimate draft={draft} />}
    </Stack>
  );
}

export function StatementStep({ draft, change }: StepProps) {
  const { m } = useI18n();
  return (
    <Textarea
      label={m.filing.statement}
      value={draft.statement}
      onChange={(e) => change({ statement: e.currentTarget.value })}
      required
      autosize
      minRows={5}
      data-testid="statement"
    />
  );
}
