/**
 * Child program of test/infra/import-side-effects.test.ts. Refuses and records every attempt at the network
 * (sockets, HTTP, DNS, fetch), then imports the module named on the command line, and once the event loop
 * has nothing left to do (so work the import only scheduled, such as an SDK call not awaited, is seen too)
 * prints what was attempted as JSON.
 */
// Default imports: the builtins' own export objects, which can be patched (namespace objects cannot).
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';

export interface ProbeReport {
  /** Network and DNS calls attempted, as `http.request https://…`. */
  attempts: string[];
  importError?: string;
  /** Errors thrown or promises rejected after the import returned. */
  laterErrors: string[];
}

const report: ProbeReport = { attempts: [], laterErrors: [] };

function target(args: unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'string' || first instanceof URL) return String(first);
  if (typeof first === 'number') return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
  if (first && typeof first === 'object') {
    const { href, url, host, hostname, port, path } = first as Record<string, unknown>;
    const where = href ?? url ?? `${String(hostname ?? host ?? '')}${port ? `:${String(port)}` : ''}`;
    return `${String(where)}${typeof path === 'string' ? path : ''}`;
  }
  return '';
}

/** Replaces owner[name] with a function that records the call and refuses it. */
function refuse(owner: object, name: string, label: string, mode: 'throw' | 'reject' = 'throw'): void {
  if (typeof (owner as Record<string, unknown>)[name] !== 'function') return;
  Object.defineProperty(owner, name, {
    configurable: true,
    writable: true,
    value: (...args: unknown[]) => {
      report.attempts.push(`${label} ${target(args)}`.trimEnd());
      const error = new Error(`${label} refused: no network at import time`);
      if (mode === 'reject') return Promise.reject(error);
      throw error;
    },
  });
}

const dnsCalls = (api: object) => Object.keys(api).filter((key) => /^(lookup|resolve|reverse)/.test(key));
refuse(net.Socket.prototype, 'connect', 'net.Socket.connect');
for (const name of ['connect', 'createConnection']) refuse(net, name, `net.${name}`);
refuse(tls, 'connect', 'tls.connect');
for (const name of ['request', 'get']) {
  refuse(http, name, `http.${name}`);
  refuse(https, name, `https.${name}`);
}
refuse(http2, 'connect', 'http2.connect');
refuse(dgram, 'createSocket', 'dgram.createSocket');
for (const name of dnsCalls(dns)) refuse(dns, name, `dns.${name}`);
for (const name of dnsCalls(dns.Resolver.prototype))
  refuse(dns.Resolver.prototype, name, `dns.Resolver.${name}`);
for (const name of dnsCalls(dns.promises)) refuse(dns.promises, name, `dns.promises.${name}`, 'reject');
refuse(globalThis, 'fetch', 'fetch', 'reject');
// ES modules importing a builtin by name (`import { request } from 'node:https'`) see the patches only now.
syncBuiltinESMExports();

process.on('uncaughtException', (error) => report.laterErrors.push(String(error)));
process.on('unhandledRejection', (reason) => report.laterErrors.push(String(reason)));

let printed = false;
process.on('beforeExit', () => {
  if (printed) return;
  printed = true;
  process.stdout.write(JSON.stringify(report));
});

const file = process.argv[2];
if (!file) throw new Error('usage: node import-probe.mjs <module>');
try {
  await import(pathToFileURL(file).href);
} catch (error) {
  report.importError = error instanceof Error ? (error.stack ?? error.message) : String(error);
}
