import { App, CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { buildConcordApp } from '../../infra/aws/app.js';
import { Group, logicalIdOutsideGroup } from '../../infra/aws/constructs/group.js';

class GroupingStack extends Stack {
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOutsideGroup(element) ?? super.allocateLogicalId(element);
  }
}

const idOf = (resource: CfnResource) => resource.stack.resolve(resource.logicalId) as string;
const thing = (scope: Stack | Group, id: string) => new CfnResource(scope, id, { type: 'Test::Thing' });

describe('logicalIdOutsideGroup', () => {
  it("names a grouped resource as the stack's own, and a group's Default child as the group", () => {
    // Arrange
    const app = new App();
    const grouped = new GroupingStack(app, 'Grouped');
    const plain = new Stack(app, 'Plain');
    const group = new Group(grouped, 'Api');
    const inner = new Group(grouped, 'Functions');

    // Act
    const ids = {
      child: idOf(thing(inner, 'Logs')),
      defaultChild: idOf(thing(group, 'Default')),
      ungrouped: idOf(thing(grouped, 'Topic')),
    };

    // Assert
    expect(ids).toEqual({
      child: idOf(thing(plain, 'Logs')),
      defaultChild: idOf(thing(plain, 'Api')),
      ungrouped: 'Topic',
    });
  });
});

describe('the stateless stack', () => {
  it('keeps the logical ids deployed stacks have (a new id would replace the resource)', () => {
    // No bundling: only the names are read.
    const { stateless } = buildConcordApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    const ids = Object.fromEntries(
      stateless.node
        .findAll()
        .filter(CfnResource.isCfnResource)
        .map((resource) => [stateless.resolve(resource.logicalId) as string, resource.cfnResourceType]),
    );
    expect(ids).toMatchObject({
      // A new REST API would change the URL in every signed link already emailed.
      ApiF70053CD: 'AWS::ApiGateway::RestApi',
      // The WAF log group has a fixed name: a new one would clash with the retained old one.
      WebAclLogs4D154D9E: 'AWS::Logs::LogGroup',
      WebAcl: 'AWS::WAFv2::WebACL',
      ApiAccessLogsE9DF007D: 'AWS::Logs::LogGroup',
      AlarmTopicD01E77F9: 'AWS::SNS::Topic',
      CreateCaseFunction9EC13231: 'AWS::Lambda::Function',
      RecordUploadedFunctionBACFFDC4: 'AWS::Lambda::Function',
      RecordUploadedDeadLetterQueue516C64EF: 'AWS::SQS::Queue',
    });
  });
});
