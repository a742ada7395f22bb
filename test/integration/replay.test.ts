/** Every recorded history replays against today's workflow code: an incompatible change fails the build. */
import fs from 'node:fs';
import path from 'node:path';
import { outcomes } from '../../domain/case';
import { historiesDir, replayWithTestBundle } from '../helpers/histories';

function fixtures(): { workflowId: string; history: unknown }[] {
  return fs
    .readdirSync(historiesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')) as unknown,
    }));
}

describe('replay of recorded histories', () => {
  it('has a recorded history for every closed outcome', () => {
    const names = fixtures().map((f) => f.workflowId);
    for (const outcome of outcomes) expect(names).toContain(outcome);
  });

  // Replay is CPU-bound (a few seconds a history on a loaded 2-core machine): one test per generation, each with
  // the time a loaded machine needs, so a failure names the generation that no longer replays.
  const generations = {
    'today’s recordings (0.3.10), runs of revision 1': (file: string) => !/^v\d+-/.test(file),
    'the 0.3.11 recording (v6-*) of a run continued as new while its notice was being sent': (file: string) =>
      file.startsWith('v6-'),
    'the 0.3.5 recordings (v5-*), a patch marker for each patch reached': (file: string) => file.startsWith('v5-'),
    'the 0.3.1 recordings (v4-*), gateway events as signals': (file: string) => file.startsWith('v4-'),
    'the 0.3 recordings (v3-*), before search-attributes-with-projection': (file: string) => file.startsWith('v3-'),
    'the 0.2 recordings (v2-*), before answer-before-projection': (file: string) => file.startsWith('v2-'),
  };
  it.each(Object.entries(generations))(
    'replays %s without nondeterminism',
    async (_name, belongs) => {
      const recorded = fixtures().filter((f) => belongs(f.workflowId));
      expect(recorded.length).toBeGreaterThan(0);
      const results = await replayWithTestBundle(recorded);
      expect(results.map((r) => r.workflowId)).toEqual(recorded.map((r) => r.workflowId));
      expect(results.filter((r) => r.error)).toEqual([]);
    },
    300_000,
  );
});
