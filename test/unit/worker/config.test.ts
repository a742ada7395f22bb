/** The worker's settings from the environment: the thread count is checked at start, not discovered at load. */
import os from 'node:os';
import { defaultWorkflowThreads, workflowThreadsOfOwnProcess } from '../../../worker/create-worker';
import { workflowThreadsFromEnv } from '../../../worker/config';

describe('workflow threads', () => {
  it('leaves the choice to the default when DAVAR_WORKFLOW_THREADS is unset or empty', () => {
    expect(workflowThreadsFromEnv({})).toBeUndefined();
    expect(workflowThreadsFromEnv({ DAVAR_WORKFLOW_THREADS: '' })).toBeUndefined();
  });

  it('takes a whole number of threads from DAVAR_WORKFLOW_THREADS', () => {
    expect(workflowThreadsFromEnv({ DAVAR_WORKFLOW_THREADS: '1' })).toBe(1);
    expect(workflowThreadsFromEnv({ DAVAR_WORKFLOW_THREADS: '64' })).toBe(64);
  });

  it.each(['0', '-1', '1.5', 'two', '65'])('refuses DAVAR_WORKFLOW_THREADS=%s and says what it takes', (given) => {
    expect(() => workflowThreadsFromEnv({ DAVAR_WORKFLOW_THREADS: given })).toThrow(
      `DAVAR_WORKFLOW_THREADS must be a whole number from 1 to 64, not "${given}"`,
    );
  });

  it('uses two threads by default where there are two cores, one where there is one', () => {
    expect(defaultWorkflowThreads()).toBe(Math.min(2, os.availableParallelism()));
    expect(defaultWorkflowThreads()).toBeGreaterThanOrEqual(1);
  });

  it('gives a worker process of its own the chosen count, else the default', () => {
    expect(workflowThreadsOfOwnProcess({ DAVAR_WORKFLOW_THREADS: '3' })).toBe(3);
    expect(workflowThreadsOfOwnProcess({})).toBe(defaultWorkflowThreads());
  });
});
