/** The `/_sim` endpoints tests and operators use to turn knobs, read what was accepted, and start over. */
import express from 'express';
import { z } from 'zod';
import { issueDetails } from '../wire';
import { sendError } from './context';
import type { SimConfig } from './config';
import type { SimListing } from './store';

export interface AdminControls {
  config(): SimConfig;
  /** Throws a ZodError when the patch is invalid. */
  setConfig(patch: unknown): SimConfig;
  notices(filter?: { caseRef?: string }): SimListing;
  reset(): Promise<void>;
}

/** The knobs as they are, without the credentials: whoever reaches `/_sim` must not learn the webhook secret. */
function withoutSecrets(
  config: SimConfig,
): Omit<SimConfig, 'token' | 'callbackSecret'> & { token: string; callbackSecret: string } {
  return { ...config, token: '[set]', callbackSecret: '[set]' };
}

/** Mounted at `/_sim`; deliberately outside the guards, so an outage or a rate limit never locks a test out. */
export function adminRouter(controls: AdminControls): express.Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/config', (_req, res) => {
    res.json(withoutSecrets(controls.config()));
  });
  router.post('/config', (req, res) => {
    try {
      res.json(withoutSecrets(controls.setConfig(req.body ?? {})));
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      sendError(res, 400, 'invalid_request', 'invalid simulator config patch', issueDetails(error));
    }
  });
  router.get('/notices', (req, res) => {
    const caseRef = typeof req.query.caseRef === 'string' ? req.query.caseRef : undefined;
    res.json(controls.notices(caseRef === undefined ? {} : { caseRef }));
  });
  router.post('/reset', async (_req, res) => {
    await controls.reset();
    res.status(204).end();
  });
  return router;
}
