/**
 * Child program of bench/cold-import.ts: imports the module named on the command line in this fresh process
 * and prints how long the import took (evaluation included), as JSON: wall time, and the CPU time the
 * process spent meanwhile, which other load on a shared machine disturbs less. Exits at once after, as Lambda's init
 * ends when the handler module is loaded.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: node timed-import.mjs <module>');
const cpuStart = process.cpuUsage();
const start = performance.now();
await import(pathToFileURL(file).href);
const importMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ importMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
process.exit(0);
