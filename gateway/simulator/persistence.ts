/** Keeps the simulator's state in a JSON file across restarts: loaded once at start, saved shortly after changes. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { noticeRequestSchema, noticeStates, referralRequestSchema, referralStates } from '../wire';
import type { SimLogger } from './log';
import type { SimStore, StoreSnapshot } from './store';

const counts = z.record(z.string(), z.number());
const byNamespace = z.object({ notices: counts, referrals: counts });

const snapshotSchema = z.object({
  version: z.literal(1),
  notices: z.array(
    z.object({
      noticeId: z.string(),
      idempotencyKey: z.string(),
      payloadHash: z.string(),
      request: noticeRequestSchema,
      status: z.enum(noticeStates),
      acceptedAt: z.string(),
      deliveredAt: z.string().optional(),
      viewedAt: z.string().optional(),
      failureReason: z.string().optional(),
    }),
  ),
  referrals: z.array(
    z.object({
      referralId: z.string(),
      idempotencyKey: z.string(),
      payloadHash: z.string(),
      request: referralRequestSchema,
      status: z.enum(referralStates),
      acceptedAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  requestCounts: byNamespace,
  createdCounts: byNamespace,
  counters: z.record(z.string(), z.number()),
});

/** `undefined` when the file does not exist yet; throws when it exists but is not a saved state. */
export async function loadSnapshot(file: string): Promise<StoreSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = snapshotSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a gateway simulator state: ${z.prettifyError(parsed.error)}`);
  // Counters not in the file (an older version) start at zero in SimStore.load.
  return parsed.data as StoreSnapshot;
}

export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly store: SimStore,
    private readonly log: SimLogger,
    private readonly debounceMs = 100,
  ) {}

  /** Coalesces a burst of changes into one write. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueueWrite();
    }, this.debounceMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.enqueueWrite();
    await this.writing;
  }

  private enqueueWrite(): void {
    // Serialised so an older snapshot can never overwrite a newer one.
    this.writing = this.writing.then(() => this.write());
  }

  private async write(): Promise<void> {
    const temporary = `${this.file}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(this.store.snapshot(), null, 2));
      // Rename is atomic: a crash mid-write leaves the previous state, never half a file.
      await rename(temporary, this.file);
    } catch (error) {
      this.log.warn({ file: this.file, error: String(error) }, 'could not save gateway simulator state');
    }
  }
}
