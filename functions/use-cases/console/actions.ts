import type { CaseRecord, StepChanges, TimelineEvent } from '../../domain/case.js';
import { actorOf, type Principal } from '../../domain/console-access.js';
import type { CaseStore } from '../../domain/ports.js';

/** Who did a console action, as its timeline event (and a decision) names them. */
export function consoleActor(by: Principal): Required<Pick<TimelineEvent, 'actor' | 'via'>> {
  return { actor: actorOf(by), via: 'console' };
}

/** One thing a coordinator (or a program) does to a case from the console. */
export interface ConsoleAction {
  /** Unique per action and attempt (`resume:2`): the same key again records nothing twice. */
  key: string;
  /** The timeline event's type (`case-resumed`, `case-cancelled`…). */
  type: string;
  /** Why, in ids and codes (a reason given); never PHI. */
  detail?: string;
  changes?: StepChanges;
}

/**
 * Records a console action as a step of the case, once, its timeline event naming who did it and that it
 * was done in the console. Every console action goes through here (or, for a decision, through
 * decideCallback with consoleActor's names), so the timeline tells who, what, when and why.
 */
export function recordConsoleAction(
  cases: CaseStore,
  caseId: string,
  action: ConsoleAction,
  by: Principal,
  known?: CaseRecord,
): Promise<{ applied: boolean; at: string }> {
  return cases.recordStep(
    caseId,
    `console:${action.key}`,
    action.changes ?? {},
    { type: action.type, ...(action.detail ? { detail: action.detail } : {}), ...consoleActor(by) },
    known,
  );
}
