/**
 * The server engine's committed deploy files agree with the code and with docker-compose.yml: one Temporal
 * version, one config, one list of search attributes, wherever Temporal Server runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../scripts/lib/paths';
import { TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION } from '../../../scripts/lib/server-engine/build';
import { searchAttributeList } from '../../../scripts/lib/server-engine/start';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const compose = read('docker-compose.yml');
const tag = (version: string) => version.replace(/^v/, '');

describe('the server engine and docker-compose', () => {
  it('register the search attributes the workflow declares, in the script both run', () => {
    const defaults = /DAVAR_SEARCH_ATTRIBUTES:-([^}]*)\}/.exec(read('deploy/temporal/register.sh'));
    expect(defaults?.[1]).toBe(searchAttributeList());
  });

  it('run the pinned Temporal Server, its admin tools and the UI of the same release', () => {
    const images = [...compose.matchAll(/image: (temporalio\/[\w-]+):(\S+)/g)].map(([, name, version]) => ({
      name,
      version,
    }));
    expect(images).toEqual(
      expect.arrayContaining([
        { name: 'temporalio/server', version: tag(TEMPORAL_SERVER_VERSION) },
        { name: 'temporalio/ui', version: tag(TEMPORAL_UI_VERSION) },
      ]),
    );
    const adminTools = images.filter((image) => image.name === 'temporalio/admin-tools');
    expect(adminTools.length).toBeGreaterThan(0);
    for (const image of adminTools) expect(image.version).toBe(tag(TEMPORAL_SERVER_VERSION));
  });

  it('mount the committed config and run the committed schema and namespace steps', () => {
    expect(compose).toContain('./deploy/temporal:/etc/davar/temporal:ro');
    expect(compose).toContain('--root /etc/davar --config temporal --env davar');
    expect(compose).toContain("entrypoint: ['sh', '/etc/davar/temporal/schema.sh']");
    expect(compose).toContain("entrypoint: ['sh', '/etc/davar/temporal/register.sh']");
    expect(compose).toContain('DYNAMIC_CONFIG_FILE_PATH: /etc/davar/temporal/dynamicconfig.yaml');
  });

  it('start nothing with a default secret, and publish neither the frontend nor the UI beyond the host', () => {
    for (const name of [
      'JWT_SECRET',
      'GATEWAY_TOKEN',
      'GATEWAY_WEBHOOK_SECRET',
      'DAVAR_CODEC_KEYS',
      'DAVAR_DB_PASSWORD',
      'TEMPORAL_DB_PASSWORD',
    ]) {
      const uses = [...compose.matchAll(new RegExp(`\\$\\{${name}(.)`, 'g'))].map((m) => m[1]);
      expect({ name, required: uses.length > 0 && uses.every((next) => next === ':') }).toEqual({
        name,
        required: true,
      });
      expect(compose).not.toMatch(new RegExp(`\\$\\{${name}:-`));
    }
    expect(compose).not.toMatch(/POSTGRES_PASSWORD: (davar|temporal)\b/);
    const published = [...compose.matchAll(/ports: \[(.*)\]/g)].map(([, list]) => list);
    expect(published).toEqual(["'127.0.0.1:8233:8080'", "'3000:3000'"]);
  });
});
