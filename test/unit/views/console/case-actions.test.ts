import { caseActions, type CaseActionsView } from '../../../../functions/views/console/case-actions.js';

const CASE_URL = 'https://concord.example/console/cases/c-1';

function view(changes: Partial<CaseActionsView> = {}): CaseActionsView {
  return {
    caseId: 'c-1',
    status: 'awaiting-coordinator',
    pending: [
      {
        callbackId: 'cb-0123456789abcdef',
        purpose: 'specialist-match',
        recipient: 'coordinator@concord.local',
        dueAt: '2026-12-09T10:00:00.000Z',
      },
    ],
    hasSpecialist: true,
    csrfToken: 'token-<&>',
    caseUrl: CASE_URL,
    ...changes,
  };
}

const actionsOf = (markup: string) =>
  [...markup.matchAll(/action="([^"]+)"/g)].map((m) => m[1]!.replace(`${CASE_URL}/`, ''));

describe('caseActions', () => {
  it('offers re-send and extend per waiting step, reassign and cancel, each a post with the CSRF token', () => {
    // Act
    const { html } = caseActions(view());

    // Assert
    expect(actionsOf(html)).toEqual(['resend', 'extend', 'reassign', 'cancel', 'take-back-links']);
    expect(html.match(/method="post"/g)).toHaveLength(5);
    expect(html.match(/name="csrf" value="token-&lt;&amp;&gt;"/g)).toHaveLength(5);
    expect(html).toContain('name="callbackId" value="cb-0123456789abcdef"');
    expect(html).toMatch(
      /<label for="reassign-reason">[^<]+<\/label>\s*<textarea id="reassign-reason" name="reason" required/,
    );
    expect(html).not.toContain('<script');
  });

  it('offers resume and cancel for a case in needs-attention, and only taking back links for a finished one', () => {
    expect(actionsOf(caseActions(view({ status: 'needs-attention' })).html)).toEqual([
      'resume',
      'cancel',
      'take-back-links',
    ]);
    expect(actionsOf(caseActions(view({ status: 'completed' })).html)).toEqual(['take-back-links']);
    expect(actionsOf(caseActions(view({ status: 'closed' })).html)).toEqual(['take-back-links']);
  });
});
