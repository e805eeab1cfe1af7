import { callerContext, callerOf, type Caller } from '../../../functions/console/caller.js';
import { consoleRequest } from '../../support/console-gateway.js';

const through = (caller: Caller | undefined) =>
  callerOf(consoleRequest({ requestContext: { authorizer: callerContext(caller) } as never }));

describe('the caller in the authorizer context', () => {
  it('carries a person, their CSRF token and a renewal due, as flat strings', () => {
    const caller: Caller = {
      principal: {
        kind: 'person',
        subject: 'person-1',
        email: 'casey@concord.example',
        name: 'Casey Q',
        roles: ['coordinator', 'admin'],
      },
      csrfToken: 'csrf-1',
      renewalDue: true,
    };

    const context = callerContext(caller);

    expect(Object.values(context).every((value) => typeof value === 'string')).toBe(true);
    expect(through(caller)).toEqual(caller);
  });

  it('carries a program by its client, with no CSRF token', () => {
    const caller: Caller = {
      principal: { kind: 'program', subject: 'ehr', clientId: 'ehr', roles: ['coordinator'] },
    };

    expect(through(caller)).toEqual(caller);
  });

  it('knows no one when the authorizer found no credential, or none ran', () => {
    expect(through(undefined)).toBeUndefined();
    expect(callerOf(consoleRequest({}))).toBeUndefined();
  });

  it('keeps only the roles it knows', () => {
    const caller = callerOf(
      consoleRequest({
        requestContext: {
          authorizer: { kind: 'person', subject: 's', roles: 'coordinator superuser' },
        } as never,
      }),
    );

    expect(caller?.principal.roles).toEqual(['coordinator']);
  });
});
