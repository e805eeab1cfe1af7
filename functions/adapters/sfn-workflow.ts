import {
  ExecutionAlreadyExists,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { executionName } from '../domain/case.js';
import type { Workflow } from '../domain/ports.js';

/** An execution that is not there (never started, or ended long ago) has nothing to stop. */
const NOTHING_TO_STOP = new Set(['ExecutionDoesNotExist']);

export class SfnWorkflow implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(caseId: string, resumes?: number): Promise<void> {
    try {
      // Step Functions Standard treats a repeated name with the same input as the same execution.
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: executionName(caseId, resumes),
          input: JSON.stringify({ caseId }),
        }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists || (error as Error).name === 'ExecutionAlreadyExists')
        return;
      throw error;
    }
  }

  /** StopExecution on the execution's ARN (the state machine's, as `execution:<machine>:<name>`). */
  async stop(caseId: string, resumes: number | undefined, cause: string): Promise<void> {
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName(caseId, resumes)}`;
    try {
      await this.sfn.send(new StopExecutionCommand({ executionArn, error: 'CaseCancelled', cause }));
    } catch (error) {
      if (!NOTHING_TO_STOP.has((error as Error).name)) throw error;
    }
  }
}
