/** The schema cache: one value per key, built once, and a second builder under a used key is refused. */
import { shared } from '../../../domain/schema-cache';
import { actionBodySchemas } from '../../../domain/actions';
import { filingSchema } from '../../../domain/filing';

describe('shared schemas', () => {
  it('builds a key once and hands out the same value after', () => {
    let builds = 0;
    const build = () => {
      builds += 1;
      return { built: builds };
    };
    const first = shared('test.once', build);
    expect(shared('test.once', build)).toBe(first);
    expect(builds).toBe(1);
  });

  it('refuses a different builder under a key already used, naming the key', () => {
    shared('test.taken', () => 'first');
    expect(() => shared('test.taken', () => 'second')).toThrow('two schemas are cached under one key: "test.taken"');
  });

  it('still validates as the schemas always did', () => {
    expect(actionBodySchemas.castVote.safeParse({ decision: 'uphold', reason: 'Owed.' }).success).toBe(true);
    expect(actionBodySchemas.castVote.safeParse({ decision: 'maybe', reason: 'Owed.' }).success).toBe(false);
    expect(filingSchema.shape.claims.safeParse([]).success).toBe(false);
  });
});
