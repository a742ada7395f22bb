/** An ID field that keeps only digits and says, as it is typed, whether the check digit holds. */
import { TextInput } from '@mantine/core';
import { useI18n } from '../i18n';
import { onlyDigits } from '../lib/digits';
import { checkId } from './draft';

export function IdInput({
  label,
  value,
  onChange,
  length,
  testId,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  length: 10 | 11;
  testId: string;
}) {
  const { m } = useI18n();
  const check = checkId(value, length);
  const bad = length === 10 ? m.filing.badNationalId : m.filing.badLegalId;
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(e) => onChange(onlyDigits(e.currentTarget.value).slice(0, length))}
      inputMode="numeric"
      autoComplete="off"
      maxLength={length}
      required
      className="ltr"
      error={check === 'invalid' ? bad : undefined}
      description={check === 'valid' ? m.filing.goodId : m.filing.digitsOnly}
      data-testid={testId}
      data-check={check}
    />
  );
}
