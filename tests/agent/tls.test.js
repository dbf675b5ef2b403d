// @ts-check
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppPeer, openThrough, startTestAgent, startWsServer } from './helpers.js';

/**
 * A self-signed certificate made with openssl for this run only.
 * @param {string} dir
 * @param {string} name
 * @param {string} subjectAltName
 */
function selfSigned(dir, name, subjectAltName) {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=${subjectAltName}`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

const dir = mkdtempSync(join(tmpdir(), 'wsi-agent-tls-'));
// Valid for the name localhost only, so wss://127.0.0.1 is the wrong host for it.
const serverCert = selfSigned(dir, 'localhost', 'DNS:localhost');
const clientCert = selfSigned(dir, 'client', 'DNS:client');
rmSync(dir, { recursive: true });

/** @type {Awaited<ReturnType<typeof startTestAgent>>} */
let agent;
/** @type {Awaited<ReturnType<typeof startWsServer>>} */
let wss;
/** @type {Awaited<ReturnType<typeof startWsServer>>} */
let mtls;
/** @type {AppPeer} */
let peer;
let nextId = 1;

before(async () => {
  agent = await startTestAgent();
  wss = await startWsServer((ws) => ws.send('secure hello'), { server: createServer(serverCert) });
  mtls = await startWsServer(
    (ws, request) =>
      ws.send(
        `hello ${/** @type {import('node:tls').TLSSocket} */ (request.socket).getPeerCertificate().subject.CN}`,
      ),
    {
      server: createServer({
        ...serverCert,
        requestCert: true,
        rejectUnauthorized: true,
        ca: [clientCert.cert],
      }),
    },
  );
  peer = await AppPeer.connect(agent.url);
});
after(async () => {
  peer.socket.close();
  await Promise.all([wss.close(), mtls.close()]);
  await agent.close();
});

/** @param {object} request */
async function open(request) {
  const id = nextId++;
  const result = await openThrough(peer, id, request);
  return { id, result };
}

describe('TLS through the agent', () => {
  it('refuses a self-signed certificate by default, naming an unknown CA', async () => {
    const { id, result } = await open({ url: `wss://localhost:${wss.port}/` });
    assert.equal(result.type, 'closed');
    const error = await peer.control(id, 'error');
    assert.equal(error.code, 'tls-unknown-ca');
    assert.match(error.message, /self-signed/);
  });

  it('accepts it when the CA is given, and says the certificate checked out', async () => {
    const { id, result } = await open({ url: `wss://localhost:${wss.port}/`, tls: { ca: serverCert.cert } });
    assert.equal(result.type, 'opened');
    const handshake = await peer.control(id, 'handshake');
    assert.equal(handshake.tls.authorized, true);
    assert.equal(handshake.tls.peer.subject, 'localhost');
    const frame = await peer.waitFor(() => peer.frames.find((f) => f.id === id));
    assert.equal(frame.payload.toString(), 'secure hello');
  });

  it('names a certificate for another host', async () => {
    const { id } = await open({ url: `wss://127.0.0.1:${wss.port}/`, tls: { ca: serverCert.cert } });
    assert.equal((await peer.control(id, 'error')).code, 'tls-wrong-host');
  });

  it('skips the checks for the one host allowed, with a warning, and only for that host', async () => {
    const { id, result } = await open({
      url: `wss://localhost:${wss.port}/`,
      tls: { insecureHost: 'localhost' },
    });
    assert.equal(result.type, 'opened');
    assert.match((await peer.control(id, 'warning')).message, /Certificate checks are off for localhost/);
    const handshake = await peer.control(id, 'handshake');
    assert.equal(handshake.tls.authorized, false);
    assert.match(handshake.tls.authorizationError, /SELF_SIGNED/);

    const other = await open({ url: `wss://localhost:${wss.port}/`, tls: { insecureHost: 'example.com' } });
    assert.equal(other.result.type, 'closed');
    assert.equal((await peer.control(other.id, 'error')).code, 'tls-unknown-ca');
    assert.ok(!peer.controls.some((c) => c.id === other.id && c.type === 'warning'));
  });

  it('presents a client certificate and key (mTLS)', async () => {
    const without = await open({ url: `wss://localhost:${mtls.port}/`, tls: { ca: serverCert.cert } });
    assert.equal(without.result.type, 'closed');
    assert.match(
      (await peer.control(without.id, 'error')).code,
      /^(tls-client-cert-required|tls-handshake-failed|reset)$/,
    );

    const { id, result } = await open({
      url: `wss://localhost:${mtls.port}/`,
      tls: { ca: serverCert.cert, cert: clientCert.cert, key: clientCert.key },
    });
    assert.equal(result.type, 'opened');
    const frame = await peer.waitFor(() => peer.frames.find((f) => f.id === id));
    assert.equal(frame.payload.toString(), 'hello client');
  });

  it('refuses a certificate without its key before connecting', async () => {
    const { id } = await open({ url: `wss://localhost:${mtls.port}/`, tls: { cert: clientCert.cert } });
    assert.equal((await peer.control(id, 'error')).code, 'bad-request');
  });
});
