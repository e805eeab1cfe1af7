import { recordConsoleAction } from '../../../functions/use-cases/console/actions.js';
import { approvalCase, memoryStores } from '../../support/approval-case.js';
import { COORDINATOR_CALLER } from '../../support/console-gateway.js';

describe('recordConsoleAction', () => {
  it('records an action once as a step, its event naming who did it, in the console', async () => {
    const stores = memoryStores();
    const { caseId } = await approvalCase(stores, 'https://concord.example');
    const action = { key: 'note:1', type: 'note-added', detail: 'callback-1' };

    const first = await recordConsoleAction(stores.cases, caseId, action, COORDINATOR_CALLER.principal);
    const again = await recordConsoleAction(stores.cases, caseId, action, COORDINATOR_CALLER.principal);

    expect(first.applied).toBe(true);
    expect(again.applied).toBe(false);
    const events = (await stores.cases.timeline(caseId)).filter((event) => event.type === 'note-added');
    expect(events).toEqual([
      {
        at: first.at,
        type: 'note-added',
        detail: 'callback-1',
        actor: 'casey@concord.example (subject sub-casey)',
        via: 'console',
      },
    ]);
    expect((await stores.cases.get(caseId))?.steps['console:note:1']).toBe(first.at);
  });
});
