/** Whom a case waits on (API.md `waitingOn`); none while Concord itself is at work. */
export const WAITING_ON = ['coordinator', 'insurer', 'physician', 'patient', 'specialist'] as const;
export type WaitingOn = (typeof WAITING_ON)[number];
