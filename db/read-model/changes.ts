/**
 * Change notices of the read model: each projection, as it commits, notifies `CASE_CHANGED_CHANNEL` with the case's
 * number (db/read-model/writer.ts), and an API process listens on one connection of its own to wake the reads that
 * wait for a case to change (`GET /cases/{n}?after=…`). A notice says only "look again": it carries no state, and
 * a reader that is woken without cause (another schema on the same database, a lost connection) reads the case,
 * finds nothing new and waits on.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import type { Logger } from 'pino';

export const CASE_CHANGED_CHANNEL = 'davar_case_changed';

/** A wait for one case's next change; `cancel` when the answer no longer needs it. */
export interface CaseWatch {
  /** Resolves at the case's next notice, when the listening connection is lost, or on `cancel`; never rejects. */
  readonly changed: Promise<void>;
  cancel(): void;
}

export class CaseChanges {
  private readonly waiters = new Map<string, Set<() => void>>();
  private listening?: Promise<pg.Client>;
  private current?: pg.Client;
  private closed = false;

  constructor(
    private readonly db: Knex,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /**
   * Starts watching a case, after the listening connection is up, so that a change made after this resolves is
   * never missed. Undefined when PostgreSQL cannot be reached: the caller answers at once instead of waiting.
   */
  async watch(caseNumber: string): Promise<CaseWatch | undefined> {
    if (this.closed) return undefined;
    try {
      await this.listen();
    } catch (err) {
      this.logger.warn({ err }, 'cannot listen for case changes; reads answer at once');
      return undefined;
    }
    let wake = () => {};
    const changed = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const set = this.waiters.get(caseNumber) ?? new Set();
    set.add(wake);
    this.waiters.set(caseNumber, set);
    const cancel = () => {
      set.delete(wake);
      if (set.size === 0 && this.waiters.get(caseNumber) === set) this.waiters.delete(caseNumber);
      wake();
    };
    void changed.then(cancel);
    return { changed, cancel };
  }

  /** Stops listening and wakes every waiter (each answers with the case as it is). */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const listening = this.listening;
    this.listening = undefined;
    const client = await listening?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<pg.Client> {
    this.listening ??= this.connect().catch((err: unknown) => {
      this.listening = undefined;
      throw err;
    });
    return this.listening;
  }

  private async connect(): Promise<pg.Client> {
    // The same settings as the process's knex pool (address, timeouts), on a connection outside it: a LISTEN holds
    // its connection for the life of the process.
    const client = new pg.Client(this.db.client.connectionSettings as pg.ClientConfig);
    const lost = (err?: Error) => {
      if (this.closed) return;
      if (err)
        this.logger.warn({ err }, 'the connection listening for case changes was lost; it reopens on the next wait');
      if (this.current === client) {
        this.current = undefined;
        this.listening = undefined;
      }
      client.removeAllListeners();
      client.on('error', () => {});
      void client.end().catch(() => undefined);
      // Whatever changed while nobody listened: every waiter reads its case again.
      this.wakeAll();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== CASE_CHANGED_CHANNEL || !message.payload) return;
      const set = this.waiters.get(message.payload);
      if (set) for (const wake of [...set]) wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CASE_CHANGED_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners();
      // A socket error while it closes must not become an unhandled 'error' event.
      client.on('error', () => {});
      await client.end().catch(() => undefined);
      throw err;
    }
    this.current = client;
    return client;
  }

  private wakeAll(): void {
    for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
  }
}
