import { type CfnElement, Names } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A construct that groups some of a stack's resources for the reader without renaming them. A stack whose
 * allocateLogicalId asks logicalIdOutsideGroup() gives them the logical ids they had as the stack's own
 * children (a group's `Default` child stands for the group itself), so moving resources into a group replaces
 * nothing in a deployed stack: a new id would mean a new REST API (and so a new URL in every signed link
 * already emailed) and a clash with the retained log groups of fixed name.
 */
export class Group extends Construct {}

/** The element's logical id as if no Group stood between it and its stack; undefined outside a Group. */
export function logicalIdOutsideGroup(element: CfnElement): string | undefined {
  const scopes = element.node.scopes;
  const top = scopes.indexOf(element.stack) + 1;
  if (!(scopes[top] instanceof Group)) return undefined;
  const [group, ...below] = scopes.slice(top).map((scope) => scope.node.id);
  const path = below[0] === 'Default' ? [group!, ...below.slice(1)] : below;
  // CDK's own naming (its makeUniqueId is private): Names.uniqueId of a bare tree with the same ids.
  let mirror = new Construct(undefined as unknown as Construct, '');
  for (const id of path) mirror = new Construct(mirror, id);
  return Names.uniqueId(mirror);
}
