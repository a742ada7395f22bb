/**
 * The workflow bundle preloads the schema cache (and zod through it) once per workflow thread. Webpack drops a
 * preload it believes free of side effects: that is how zod's own preload was lost before 0.3.3, silently.
 */
import fs from 'node:fs';

describe('the workflow bundle', () => {
  it('loads the schema cache before any case, where the SDK shares it between cases', () => {
    const bundlePath = process.env.DAVAR_TEST_WORKFLOW_BUNDLE;
    if (!bundlePath) throw new Error('DAVAR_TEST_WORKFLOW_BUNDLE is not set: run through jest');
    const code = fs.readFileSync(bundlePath, 'utf8');
    const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
    expect(preload).toContain('"./domain/schema-cache.ts"');
    // zod comes with it: the schemas' modules import it through the cache.
    const start = code.indexOf('/***/ "./domain/schema-cache.ts"');
    const cacheModule = start < 0 ? '' : code.slice(start, code.indexOf('/***/ }', start));
    expect(cacheModule).toMatch(/__webpack_require__\(\/\*! zod \*\/ "\.\/node_modules\/zod\//);
  });
});
