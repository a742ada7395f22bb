/** Sign-in: in development a picker of who you are; otherwise (and always as a choice) a pasted bearer token. */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  MultiSelect,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { provinces } from '../../../domain/provinces';
import { roles, sides, type Role, type Side } from '../../../domain/vocabulary';
import { devSignInAvailable, requestDevToken } from '../auth/dev-token';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';

const defaultUser: Record<Role, string> = {
  clerk: 'clerk-1',
  officer: 'officer-1',
  supervisor: 'supervisor-1',
  board_member: 'member-ministry',
  engineer: 'engineer-1',
  party: 'party-1',
};

function DevPicker() {
  const { m, lang } = useI18n();
  const { signIn } = useSession();
  const [role, setRole] = useState<Role>('clerk');
  const [sub, setSub] = useState(defaultUser.clerk);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>(['THR']);
  const [side, setSide] = useState<Side>('complainant');
  const [nationalId, setNationalId] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const provinceOptions = [
    ...(role === 'engineer' ? [{ value: '*', label: m.app.allProvinces }] : []),
    ...provinces.map((p) => ({ value: p.code, label: p[lang] })),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const token = await requestDevToken({
        role,
        sub,
        ...(name ? { name } : {}),
        ...(role === 'party' ? { side, nationalId } : { provinces: chosen }),
      });
      if (!signIn(token)) setError(m.signIn.badToken);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} aria-labelledby="dev-title">
      <Stack>
        <Title order={2} size="h4" id="dev-title">
          {m.signIn.devTitle}
        </Title>
        <Text size="sm">{m.signIn.devHelp}</Text>
        <NativeSelect
          label={m.signIn.role}
          value={role}
          data-testid="dev-role"
          onChange={(e) => {
            const next = e.currentTarget.value as Role;
            setRole(next);
            setSub(defaultUser[next]);
            if (next !== 'engineer') setChosen((c) => c.filter((p) => p !== '*'));
          }}
          data={roles.map((r) => ({ value: r, label: m.roles[r] }))}
        />
        <TextInput label={m.signIn.userId} value={sub} onChange={(e) => setSub(e.currentTarget.value)} required />
        <TextInput label={m.signIn.name} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        {role === 'party' ? (
          <>
            <NativeSelect
              label={m.signIn.side}
              value={side}
              onChange={(e) => setSide(e.currentTarget.value as Side)}
              data={sides.map((s) => ({ value: s, label: m.sides[s] }))}
            />
            <TextInput
              label={m.signIn.nationalId}
              value={nationalId}
              inputMode="numeric"
              onChange={(e) => setNationalId(e.currentTarget.value)}
              required
            />
          </>
        ) : (
          <MultiSelect
            label={m.signIn.provinces}
            data={provinceOptions}
            value={chosen}
            onChange={setChosen}
            searchable
            required
          />
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} data-testid="dev-sign-in">
          {m.signIn.submit}
        </Button>
      </Stack>
    </Paper>
  );
}

function TokenForm() {
  const { m } = useI18n();
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-labelledby="token-title"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!signIn(token)) setError(m.signIn.badToken);
      }}
    >
      <Stack>
        <Title order={2} size="h4" id="token-title">
          {m.signIn.tokenTitle}
        </Title>
        <Text size="sm">{m.signIn.tokenHelp}</Text>
        <Textarea
          label={m.signIn.token}
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
          autosize
          minRows={2}
          className="ltr"
          required
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" variant="outline">
          {m.signIn.tokenSubmit}
        </Button>
      </Stack>
    </Paper>
  );
}

export function SignInPage() {
  const { m } = useI18n();
  const dev = useQuery({ queryKey: ['dev-sign-in'], queryFn: devSignInAvailable });
  return (
    <Stack maw={520} mx="auto">
      <Title order={1} size="h2">
        {m.signIn.title}
      </Title>
      {dev.data && <DevPicker />}
      <TokenForm />
    </Stack>
  );
}
