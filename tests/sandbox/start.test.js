// @ts-check
/**
 * `npm start` (scripts/start.js) and `npm run dev` (scripts/dev.js) run the sandbox in a child process. These
 * tests run the scripts themselves, in a temporary directory with a one-page dist/ (nothing is built), on free
 * ports.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { superviseSandbox } from '../../sandbox/supervise.js';
import { connect, open } from './helpers.js';

const script = (/** @type {string} */ name) =>
  fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));

/** @type {string} */
let site;

before(async () => {
  site = await mkdtemp(join(tmpdir(), 'wsi-start-'));
  await mkdir(join(site, 'dist'));
  await writeFile(join(site, 'dist', 'index.html'), '<!doctype html><title>WS Inspector test page</title>');
});
after(() => rm(site, { recursive: true, force: true }));

/**
 * Runs a script in the temporary site; `until` waits for its output (stdout and stderr) to match.
 * @param {string} name
 * @param {Record<string, string>} env
 */
function run(name, env) {
  const child = spawn(process.execPath, [script(name)], {
    cwd: site,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  /** @type {(() => void)[]} */
  const listeners = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      output += chunk;
      for (const listener of listeners) listener();
    });
  }
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  return {
    child,
    exited,
    output: () => output,
    /**
     * @param {RegExp} pattern
     * @returns {Promise<RegExpMatchArray>}
     */
    until(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) resolve(match);
        };
        listeners.push(check);
        check();
        void exited.then(({ code }) =>
          reject(new Error(`${name} exited (${code}) before ${pattern}:\n${output}`)),
        );
      });
    },
  };
}

/** A port some other program holds for the length of a test. */
async function takenPort() {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (blocker.address());
  return { port, release: () => new Promise((resolve) => blocker.close(resolve)) };
}

/** @param {number} pid */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('npm start: a killed sandbox comes back on its port, and the app answers all along', async () => {
  const start = run('start.js', { PORT: '0', SANDBOX_PORT: '0' });
  try {
    const [, appPort] = await start.until(/WS Inspector: http:\/\/localhost:(\d+)\//);
    const [, pid, sandboxPort] = await start.until(
      /\(pid (\d+), restarted if it crashes\):\nws:\/\/localhost:(\d+)/,
    );
    const app = `http://127.0.0.1:${appPort}/`;
    assert.match(await (await fetch(app)).text(), /WS Inspector test page/);

    process.kill(Number(pid), 'SIGKILL');
    await start.until(/was killed by SIGKILL; restarting it in 500 ms \(1 of 5\)/);
    assert.equal((await fetch(app)).status, 200, 'the app stopped answering with the sandbox');

    const [, again, newPid] = await start.until(/listening again on ws:\/\/localhost:(\d+) \(pid (\d+)\)/);
    assert.equal(again, sandboxPort);
    assert.equal((await fetch(app)).status, 200);
    // The new sandbox lets the app's pages into /chat, and no other local page.
    const chat = `ws://127.0.0.1:${sandboxPort}/chat`;
    (await open(chat, { origin: `http://localhost:${appPort}` })).close();
    const stranger = await connect(chat, { origin: 'http://localhost:1' });
    assert.ok('status' in stranger && stranger.status === 403);

    start.child.kill('SIGTERM');
    assert.deepEqual(await start.exited, { code: 0, signal: null });
    assert.equal(isRunning(Number(newPid)), false, 'the sandbox outlived npm start');
  } finally {
    start.child.kill('SIGKILL');
  }
});

test('npm start: a taken app port or sandbox port says which and how to pick another, with no stack', async () => {
  /** @type {[string, string][]} */
  const ports = [
    ['PORT', 'the app'],
    ['SANDBOX_PORT', 'the sandbox'],
  ];
  for (const [variable, server] of ports) {
    const taken = await takenPort();
    try {
      const start = run('start.js', { PORT: '0', SANDBOX_PORT: '0', [variable]: String(taken.port) });
      const { code } = await start.exited;
      assert.equal(code, 1);
      assert.match(start.output(), new RegExp(`Port ${taken.port} \\(${server}\\) is already in use`));
      assert.match(start.output(), new RegExp(`pick another port: ${variable}=${taken.port + 1} npm start`));
      assert.doesNotMatch(start.output(), /\n\s+at /, 'a stack trace was printed');
    } finally {
      await taken.release();
    }
  }
});

test('npm start: a taken agent port says which and how to pick another, and the app and sandbox still start', async () => {
  const taken = await takenPort();
  const start = run('start.js', { PORT: '0', SANDBOX_PORT: '0', WSI_AGENT_PORT: String(taken.port) });
  try {
    await start.until(new RegExp(`Port ${taken.port} \\(the agent\\) is already in use`));
    await start.until(
      new RegExp(
        `its port ${taken.port} is taken\\); the app works without it\\. WSI_AGENT_PORT=${taken.port + 1} npm start`,
      ),
    );
    const [, appPort] = await start.until(/WS Inspector: http:\/\/localhost:(\d+)\//);
    await start.until(/restarted if it crashes\):\nws:\/\/localhost:\d+/);
    assert.equal((await fetch(`http://127.0.0.1:${appPort}/`)).status, 200);
    assert.doesNotMatch(start.output(), /\n\s+at /, 'a stack trace was printed');
    start.child.kill('SIGTERM');
    assert.deepEqual(await start.exited, { code: 0, signal: null });
  } finally {
    start.child.kill('SIGKILL');
    await taken.release();
  }
});

test('npm run agent: a taken port says which and how to pick another, with no stack', async () => {
  const taken = await takenPort();
  try {
    const agentCli = fileURLToPath(new URL('../../agent/cli.js', import.meta.url));
    const agent = spawn(process.execPath, [agentCli, '--port', String(taken.port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    agent.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    const [code] = await once(agent, 'exit');
    assert.equal(code, 3);
    assert.match(output, new RegExp(`Port ${taken.port} \\(the agent\\) is already in use`));
    assert.match(output, new RegExp(`--port ${taken.port + 1} \\(or WSI_AGENT_PORT=${taken.port + 1}\\)`));
    assert.doesNotMatch(output, /\n\s+at /, 'a stack trace was printed');
  } finally {
    await taken.release();
  }
});

test('npm run dev: a taken sandbox port says so; Ctrl+C stops the dev server and the sandbox', async () => {
  const taken = await takenPort();
  try {
    const dev = run('dev.js', { SANDBOX_PORT: String(taken.port) });
    assert.equal((await dev.exited).code, 1);
    assert.match(dev.output(), new RegExp(`SANDBOX_PORT=${taken.port + 1} npm run dev`));
  } finally {
    await taken.release();
  }

  const dev = run('dev.js', { SANDBOX_PORT: '0' });
  try {
    const [, pid] = await dev.until(/\(pid (\d+), restarted if it crashes\)/);
    dev.child.kill('SIGINT');
    assert.deepEqual(await dev.exited, { code: 0, signal: null });
    assert.equal(isRunning(Number(pid)), false, 'the sandbox outlived npm run dev');
  } finally {
    dev.child.kill('SIGKILL');
  }
});

test('a sandbox that keeps crashing is restarted a bounded number of times, with growing pauses', async () => {
  /** @type {string[]} */
  const lines = [];
  /** @type {(() => void) | undefined} */
  let logged;
  const log = (/** @type {string} */ line) => {
    lines.push(line);
    logged?.();
  };
  const untilLogged = (/** @type {RegExp} */ pattern) =>
    new Promise((resolve) => {
      logged = () => lines.some((line) => pattern.test(line)) && resolve(undefined);
      logged();
    });
  const sandbox = superviseSandbox({ port: 0, log, restarts: 2, firstDelayMs: 20 });
  try {
    const first = await sandbox.ready;
    process.kill(first.pid, 'SIGKILL');
    await untilLogged(/restarting it in 20 ms \(1 of 2\)/);
    await untilLogged(/listening again/);
    process.kill(/** @type {number} */ (sandbox.pid()), 'SIGKILL');
    await untilLogged(/restarting it in 40 ms \(2 of 2\)/);
    lines.splice(0);
    await untilLogged(/listening again/);
    process.kill(/** @type {number} */ (sandbox.pid()), 'SIGKILL');
    await untilLogged(/2 restarts in a row failed, so it stays down/);
    assert.equal(sandbox.pid(), undefined);
  } finally {
    await sandbox.stop();
  }
});
