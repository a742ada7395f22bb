/** What a stage function is given: the case and its services, and the task group its background work lives in. */
import type { CaseState } from '../../../domain/case';
import type { StageExit } from '../../../domain/lifecycle';
import type { CaseContext } from '../context';
import type { Deadlines } from '../deadlines';
import type { Escalations } from '../escalations';
import type { Notices } from '../notices';
import type { TaskGroup } from '../tasks';

export interface Services {
  c: CaseContext;
  state: CaseState;
  deadlines: Deadlines;
  notices: Notices;
  escalations: Escalations;
}

export interface StageKit extends Services {
  /** Background work of this stage (reminders, summons): cancelled when the stage ends. */
  tasks: TaskGroup;
}

/** A stage waits for its facts and says where the case goes next; only the main loop moves it. */
export type Stage = (kit: StageKit) => Promise<StageExit>;
