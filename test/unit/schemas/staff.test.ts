import fs from 'node:fs';
import path from 'node:path';
import { SeedFileSchema } from '../../../functions/schemas/directory.js';
import { fieldErrorsOf } from '../../support/field-errors.js';

const demo = () =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), 'infra/local/demo-seed.json'), 'utf8')) as Record<
    string,
    unknown
  >;

const COORDINATOR = {
  email: 'casey@concord.example',
  name: 'Casey',
  password: 'a long demo password',
  roles: ['coordinator'],
};
const CLIENT = { clientId: 'ehr-worklist', clientSecret: 'sixteen-chars-or-more', roles: ['coordinator'] };

describe('the seed file’s staff (coordinators, apiClients)', () => {
  it('are optional, and the demo seed has a coordinator with both roles and an API client', () => {
    const seed = SeedFileSchema.parse(demo());
    const { coordinators: _c, apiClients: _a, ...directoryOnly } = demo();

    expect(SeedFileSchema.safeParse(directoryOnly).success).toBe(true);
    expect(seed.coordinators).toEqual([
      expect.objectContaining({ email: 'coordinator@concord.local', roles: ['coordinator', 'admin'] }),
    ]);
    expect(seed.apiClients).toEqual([expect.objectContaining({ roles: ['coordinator'] })]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an unknown role', { coordinators: [{ ...COORDINATOR, roles: ['root'] }] }, ['coordinators.0.roles.0']],
    ['no role', { apiClients: [{ ...CLIENT, roles: [] }] }, ['apiClients.0.roles']],
    [
      'a role twice',
      { coordinators: [{ ...COORDINATOR, roles: ['admin', 'admin'] }] },
      ['coordinators.0.roles'],
    ],
    [
      'a short password',
      { coordinators: [{ ...COORDINATOR, password: 'short' }] },
      ['coordinators.0.password'],
    ],
    ['a malformed email', { coordinators: [{ ...COORDINATOR, email: 'casey' }] }, ['coordinators.0.email']],
    [
      'the same email twice, cased differently',
      { coordinators: [COORDINATOR, { ...COORDINATOR, email: 'Casey@Concord.example' }] },
      ['coordinators'],
    ],
    ['the same client twice', { apiClients: [CLIENT, CLIENT] }, ['apiClients']],
    [
      'a client id with spaces',
      { apiClients: [{ ...CLIENT, clientId: 'my client' }] },
      ['apiClients.0.clientId'],
    ],
    ['an unknown field', { apiClients: [{ ...CLIENT, scopes: ['x'] }] }, ['apiClients.0.scopes']],
  ])('refuses %s, naming the field', (_what, staff, paths) => {
    const errors = fieldErrorsOf(SeedFileSchema, { payers: [], specialists: [], ...staff });

    expect(errors.map((error) => error.path)).toEqual(paths);
  });
});
