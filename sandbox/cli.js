// @ts-check
/** `npm run sandbox [-- --port 8787 --host 127.0.0.1]`; SANDBOX_PORT and SANDBOX_HOST work too. */
import { parseArgs } from 'node:util';
import { describe, startSandbox } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SANDBOX_PORT ?? '8787' },
    host: { type: 'string', default: process.env.SANDBOX_HOST ?? '127.0.0.1' },
  },
});

const sandbox = await startSandbox({ host: values.host, port: Number(values.port) });
console.log(`WS Inspector sandbox listening on ${sandbox.host}:${sandbox.port}\n${describe(sandbox.url)}`);
