import type { Assignment } from '../../../functions/domain/assignment.js';
import type { Opinion } from '../../../functions/domain/opinion.js';
import type { AssignmentStore, CapacityLedger } from '../../../functions/domain/ports.js';

type StoredOpinion = Opinion & { callbackId: string };

/** AssignmentStore in memory, with the adapter's semantics: create-once puts, conditional updates. */
export class MemoryAssignmentStore implements AssignmentStore {
  private readonly assignments = new Map<string, Assignment>();
  private readonly stored = new Map<string, StoredOpinion>();

  async put(assignment: Assignment): Promise<Assignment> {
    const key = `${assignment.caseId}#${assignment.attempt}`;
    if (!this.assignments.has(key)) this.assignments.set(key, structuredClone(assignment));
    return structuredClone(this.assignments.get(key)!);
  }

  async get(caseId: string, attempt: number): Promise<Assignment | undefined> {
    const found = this.assignments.get(`${caseId}#${attempt}`);
    return found && structuredClone(found);
  }

  async list(caseId: string): Promise<Assignment[]> {
    return [...this.assignments.values()]
      .filter((a) => a.caseId === caseId)
      .sort((a, b) => a.attempt - b.attempt)
      .map((a) => structuredClone(a));
  }

  async update(
    caseId: string,
    attempt: number,
    changes: Partial<
      Pick<Assignment, 'status' | 'outcome' | 'acceptedAt' | 'declinedAt' | 'submission' | 'submittedAt'>
    >,
    from: ReadonlyArray<Assignment['status']>,
  ): Promise<Assignment | undefined> {
    const found = this.assignments.get(`${caseId}#${attempt}`);
    if (!found || !from.includes(found.status)) return undefined;
    if (changes.submission && found.submission) return undefined;
    Object.assign(found, structuredClone(changes));
    return structuredClone(found);
  }

  async putOpinion(caseId: string, opinion: StoredOpinion): Promise<StoredOpinion> {
    const key = `${caseId}#${opinion.number}`;
    if (!this.stored.has(key)) this.stored.set(key, structuredClone(opinion));
    return structuredClone(this.stored.get(key)!);
  }

  async opinions(caseId: string): Promise<Opinion[]> {
    return [...this.stored.entries()]
      .filter(([key]) => key.startsWith(`${caseId}#`))
      .map(([, opinion]) => structuredClone(opinion))
      .sort((a, b) => a.number - b.number);
  }
}

/** CapacityLedger in memory: a set of holds per specialist, checked and changed in one step. */
export class MemoryCapacityLedger implements CapacityLedger {
  readonly holds = new Map<string, Set<string>>();

  async reserve(specialistId: string, hold: string, capacity: number): Promise<boolean> {
    const holds = this.holds.get(specialistId) ?? new Set<string>();
    this.holds.set(specialistId, holds);
    if (holds.has(hold)) return true;
    if (holds.size >= capacity) return false;
    holds.add(hold);
    return true;
  }

  async release(specialistId: string, hold: string): Promise<void> {
    this.holds.get(specialistId)?.delete(hold);
  }

  async openHolds(specialistIds: readonly string[]): Promise<Map<string, ReadonlySet<string>>> {
    return new Map(
      specialistIds.filter((id) => this.holds.get(id)?.size).map((id) => [id, new Set(this.holds.get(id))]),
    );
  }
}
