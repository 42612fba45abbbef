// TLS in plain Node: the emulator over HTTPS with certificates made by openssl (scripts/test-certs.mjs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderMsg } from '../../src/core/text/messages';
import { createNodeTransport } from '../../src/core/http/node/nodeTransport';
import { startEmulator, type Emulator } from '../emulator/server';
import { runCheck } from './helpers';

interface Certs {
  dir: string;
  ca: string;
  kinds: Record<'trusted' | 'selfsigned' | 'expired' | 'wronghost' | 'untrusted', { key: string; cert: string }>;
}

describe('TLS (HTTPS emulator, openssl test certificates)', function () {
  this.timeout(60_000);
  let certs: Certs;
  const servers = new Map<string, Emulator>();
  let trustTestCa: ReturnType<typeof createNodeTransport>;

  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pooler-certs-'));
    const module = (await import(path.join(__dirname, '../../../scripts/test-certs.mjs'))) as {
      makeTestCerts(dir: string): Certs;
    };
    certs = module.makeTestCerts(dir);
    for (const [kind, files] of Object.entries(certs.kinds)) {
      servers.set(
        kind,
        await startEmulator({
          tls: { key: fs.readFileSync(files.key, 'utf8'), cert: fs.readFileSync(files.cert, 'utf8') },
        }),
      );
    }
    // What trusting the CA does for the editor (system store or NODE_EXTRA_CA_CERTS), for this transport.
    trustTestCa = createNodeTransport({ ca: fs.readFileSync(certs.ca, 'utf8') });
  });

  after(async () => {
    for (const server of servers.values()) await server.stop();
    fs.rmSync(certs.dir, { recursive: true, force: true });
  });

  const check = (kind: string, transport = createNodeTransport()) => {
    const server = servers.get(kind)!;
    return runCheck(server, { baseUrl: `https://localhost:${server.port}/v1` }, 5000, transport);
  };

  it('a certificate from an untrusted test CA fails with a trust diagnosis and a fix', async () => {
    const report = await check('trusted');
    assert.equal(report.diagnoses[0]?.code, 'tls-untrusted');
    assert.match(renderMsg(report.diagnoses[0].fix), /trust store/);
  });

  it('trusting the test CA makes the same pool pass', async () => {
    const report = await check('trusted', trustTestCa);
    assert.equal(report.verdict, 'ok', JSON.stringify(report.diagnoses.map((d) => d.code)));
    assert.equal(report.facts.answer, 'trae ok');
  });

  it('a self-signed certificate', async () => {
    const report = await check('selfsigned', trustTestCa);
    assert.equal(report.diagnoses[0]?.code, 'tls-self-signed');
    assert.match(renderMsg(report.diagnoses[0].fix), /Do not turn off certificate checks/);
  });

  it('an expired certificate, even from the trusted CA', async () => {
    const report = await check('expired', trustTestCa);
    assert.equal(report.diagnoses[0]?.code, 'tls-expired');
  });

  it('a certificate for another host name', async () => {
    const report = await check('wronghost', trustTestCa);
    assert.equal(report.diagnoses[0]?.code, 'tls-hostname');
  });

  it('a certificate from another CA than the trusted one', async () => {
    const report = await check('untrusted', trustTestCa);
    assert.equal(report.diagnoses[0]?.code, 'tls-untrusted');
  });

  it('the key is never sent when the certificate fails', async () => {
    const server = servers.get('selfsigned')!;
    server.reset();
    await check('selfsigned');
    assert.equal(server.requests.length, 0);
  });
});
