/** Shared pieces of the gateway tests: request builders, a callback receiver, and polling. */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import type { NoticeRequest, ReferralRequest } from '../../../gateway/port';
import { SIGNATURE_HEADER, verifySignature } from '../../../gateway/signature';
import type { SignatureCheck } from '../../../gateway/signature';

let sequence = 0;

export function noticeRequest(overrides: Partial<NoticeRequest> = {}): NoticeRequest {
  sequence += 1;
  return {
    recipient: { nationalId: '0012345678' },
    caseRef: `THR-1405-${String(sequence).padStart(6, '0')}`,
    documentType: 'hearing_summons',
    title: 'Hearing summons',
    body: `You are summoned to the hearing of case ${sequence}.`,
    ...overrides,
  };
}

export function referralRequest(overrides: Partial<ReferralRequest> = {}): ReferralRequest {
  sequence += 1;
  return {
    caseRef: `THR-1405-${String(sequence).padStart(6, '0')}`,
    rulingRef: `R-${sequence}`,
    creditor: { nationalId: '0012345678', name: 'Sara Ahmadi' },
    debtor: { legalEntityId: '10101234567', name: 'Pars Textile Co.' },
    amountRials: 150_000_000,
    orders: ['pay unpaid wages'],
    ...overrides,
  };
}

export interface ReceivedCallback {
  rawBody: string;
  body: unknown;
  signature: string | undefined;
  check: SignatureCheck;
}

export interface Receiver {
  url: string;
  received: ReceivedCallback[];
  /** Statuses to answer, in order; once used up every callback gets 204. */
  answers: number[];
  close(): Promise<void>;
}

/** Davar's webhook in miniature: keeps the raw body, checks the signature, answers as told. */
export async function startReceiver(secret: string): Promise<Receiver> {
  const received: ReceivedCallback[] = [];
  const answers: number[] = [];
  const app = express();
  app.post('/api/v1/gateway/notice-events', express.raw({ type: 'application/json' }), (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const signature = req.get(SIGNATURE_HEADER);
    const check = verifySignature({ secret, header: signature, rawBody });
    received.push({ rawBody, body: JSON.parse(rawBody) as unknown, signature, check });
    res.status(answers.shift() ?? 204).end();
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/gateway/notice-events`,
    received,
    answers,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `action`, expecting it to fail with an ApplicationFailure, and returns that failure. */
export async function failureOf(action: () => Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw new Error(`expected an ApplicationFailure, got ${String(error)}`);
  }
  throw new Error('expected an ApplicationFailure, but the call succeeded');
}
