/** The baseline's one activity: it does nothing, so the bare case measures Temporal's own cost of an activity. */
import type { BareActivities } from './workflow';

export const bareActivities: BareActivities = {
  async noop() {},
};
