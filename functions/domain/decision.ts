/** A person's (or the system's) answer to a callback: what the workflow receives, and who gave it when. */
export interface CallbackDecision {
  /** The answer the workflow receives (approve | reject, approved | denied). */
  decision: string;
  /** For approvals: on what basis the case proceeds. */
  basis?: string;
  /** For prior authorizations: the insurer's reference. */
  reference?: string;
  comment?: string;
  decidedBy: string;
  decidedAt: string;
  /** Decided in the coordinator console (absent: through the emailed link, or by Concord itself). */
  via?: 'console';
}
