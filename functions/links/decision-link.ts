import type { APIGatewayProxyResult } from 'aws-lambda';
import type { CallbackKind, CallbackRecord } from '../domain/callback.js';
import {
  decideCallback,
  openCallback,
  openCallbackToDecide,
  type CallbackPorts,
  type DecisionRule,
  type OpenedCallback,
} from '../use-cases/callbacks.js';
import { recorded, type LinkSpec } from './link-handler.js';

/** What a decision link reads and writes: no outbox, records or settings (a decision emails nobody itself). */
export type DecisionPorts = Pick<
  CallbackPorts,
  'callbacks' | 'cases' | 'secrets' | 'tasks' | 'assignments' | 'directory'
>;

/** What differs between the coordinator's and the insurer's links: the summary shown, the form, the rule. */
export interface DecisionKind extends DecisionRule {
  kind: CallbackKind;
  summary(opened: OpenedCallback, ports: DecisionPorts): Promise<Array<[string, string]>>;
  form(callback: CallbackRecord, summary: Array<[string, string]>, sig: string): APIGatewayProxyResult;
}

/** A link whose page shows a summary and a form, and whose POST decides the callback. */
export function decisionLink(kind: DecisionKind): LinkSpec<DecisionPorts, OpenedCallback> {
  return {
    open: (link, ports, deciding) =>
      (deciding ? openCallbackToDecide : openCallback)(link.id, link.sig, kind.kind, ports),
    async show(opened, link, ports) {
      // Only the page shows the summary: a POST decides without reading it.
      const summary = await kind.summary(opened, ports);
      const { callbackId, kind: callbackKind, purpose, status } = opened.callback;
      return {
        json: { callbackId, kind: callbackKind, purpose, status, summary: Object.fromEntries(summary) },
        page: () => kind.form(opened.callback, summary, link.sig!),
      };
    },
    async decide(opened, body, _link, ports) {
      const answer = kind.parse(opened.callback, body.value);
      return recorded(await decideCallback(opened, answer, kind.effects, ports));
    },
  };
}
