declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}

/** oidc-provider 9 ships no types: what the local identity provider uses of it. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  type Json = Record<string, unknown>;
  export interface KoaContext {
    body: unknown;
    type: string;
    status: number;
    set(headers: Record<string, string>): void;
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      params?: Json;
      requestParamScopes: Set<string>;
      provider: Provider;
    };
  }
  export interface ClientInfo {
    clientId: string;
    grantTypeAllowed(type: string): boolean;
  }
  export interface Interaction {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Json };
    params: Json;
    session?: { accountId?: string };
  }
  export interface AdapterPayload extends Json {
    uid?: string;
    userCode?: string;
    grantId?: string;
    consumed?: number;
  }
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }
  export class Grant {
    constructor(properties: { accountId?: string; clientId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }
  export class Provider {
    constructor(issuer: string, configuration: Json);
    Grant: typeof Grant;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<Interaction>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: Json,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
  export const errors: { InvalidTarget: new (description?: string) => Error };
  export default Provider;
}
