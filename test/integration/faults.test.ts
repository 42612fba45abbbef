// The fault matrix (test/faults/matrix.ts), each row in the real extension host over real sockets:
// the emulator, HTTPS emulators with test certificates, tinyproxy as the editor's http.proxy.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderMsg } from '../../src/core/text/messages';
import { MAX_MODELS_BODY } from '../../src/core/pool/poolClient';
import type { CodexPoolerApi } from '../../src/extension';
import { garbageCollector, peakGrowthMb } from '../emulator/memory';
import { startEmulatorProcess } from '../emulator/process';
import { startEmulator, type Emulator } from '../emulator/server';
import { FAULTS, prepareEmulator, type FaultScenario, type Target } from '../faults/matrix';
import { api, ensureUserSettings, settle, waitFor, waitForIndicator } from './helpers';

const certDir = process.env['CODEX_POOLER_TEST_CERTS'];

async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, host, () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** tinyproxy on loopback, in the foreground, its log captured (the proof a request went through it). */
class Tinyproxy {
  log = '';
  private child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly allow: string,
  ) {}

  async start(): Promise<this> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyproxy-'));
    const conf = path.join(dir, 'tinyproxy.conf');
    fs.writeFileSync(
      conf,
      [
        `Port ${this.port}`,
        'Listen 127.0.0.1',
        'Timeout 30',
        'LogLevel Info',
        'MaxClients 20',
        `Allow ${this.allow}`,
        'DisableViaHeader No',
        '',
      ].join('\n'),
    );
    this.child = spawn('tinyproxy', ['-d', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
    await waitFor(
      `tinyproxy on ${this.port}`,
      () =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect(this.port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
          socket.on('error', () => resolve(false));
        }),
    );
    return this;
  }

  stop(): void {
    this.child?.kill('SIGTERM');
  }
}

describe('fault matrix in the real extension host', function () {
  this.timeout(60_000);
  let pooler: CodexPoolerApi;
  let emulator: Emulator;
  let proxied: Emulator;
  let plainAlias: Emulator;
  const tls = new Map<string, Emulator>();
  let forwarding: Tinyproxy;
  let denying: Tinyproxy;
  let closedPort: number;
  let refusingProxyPort: number;

  before(async function () {
    this.timeout(60_000);
    pooler = await api();
    emulator = await startEmulator();
    // Not 127.0.0.1: VS Code's proxy agent sends localhost, 127.0.0.1 and ::1 direct, other addresses
    // through the proxy. Over TLS (CONNECT): plain http to another loopback address is refused by the
    // URL rules, since the proxy would read the key.
    const readCert = (kind: string, ext: string) => fs.readFileSync(path.join(certDir!, `${kind}.${ext}`), 'utf8');
    proxied = await startEmulator({
      host: '127.0.0.2',
      ...(certDir ? { tls: { key: readCert('proxied', 'key'), cert: readCert('proxied', 'pem') } } : {}),
    });
    plainAlias = await startEmulator({ host: '127.0.0.2' });
    if (certDir) {
      for (const kind of ['trusted', 'selfsigned', 'expired', 'wronghost', 'untrusted']) {
        const read = (ext: string) => fs.readFileSync(path.join(certDir, `${kind}.${ext}`), 'utf8');
        tls.set(kind, await startEmulator({ tls: { key: read('key'), cert: read('pem') } }));
      }
    }
    closedPort = await freePort();
    refusingProxyPort = await freePort();
    forwarding = await new Tinyproxy(await freePort(), '127.0.0.1').start();
    // Allows only an address that is never the client: every request gets tinyproxy's 403 page.
    denying = await new Tinyproxy(await freePort(), '10.255.255.254').start();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    forwarding?.stop();
    denying?.stop();
    for (const e of [emulator, proxied, plainAlias, ...tls.values()]) await e?.stop();
  });

  /** Base URL, key, and http.proxy for a target. */
  function targetOf(target: Target | undefined): {
    baseUrl: string;
    key: string;
    proxy?: string;
    model?: string;
    emulator: Emulator;
  } {
    switch (target) {
      case undefined:
      case 'emulator':
        return { baseUrl: emulator.apiBase, key: emulator.key, emulator };
      case 'closed-port':
        return { baseUrl: `http://127.0.0.1:${closedPort}/v1`, key: emulator.key, emulator };
      case 'unresolvable':
        return { baseUrl: 'https://pool.invalid/v1', key: emulator.key, emulator };
      case 'https-plain-port':
        return {
          baseUrl: emulator.apiBase.replace('http://127.0.0.1', 'https://localhost'),
          key: emulator.key,
          emulator,
        };
      case 'via-proxy':
        return {
          baseUrl: proxied.apiBase,
          key: proxied.key,
          proxy: `http://127.0.0.1:${forwarding.port}`,
          emulator: proxied,
        };
      case 'proxy-refuses':
        return {
          baseUrl: proxied.apiBase,
          key: proxied.key,
          proxy: `http://127.0.0.1:${refusingProxyPort}`,
          emulator: proxied,
        };
      case 'proxy-denies':
        return {
          baseUrl: proxied.apiBase,
          key: proxied.key,
          proxy: `http://127.0.0.1:${denying.port}`,
          emulator: proxied,
        };
      case 'http-alias-via-proxy':
        return {
          baseUrl: plainAlias.apiBase,
          key: plainAlias.key,
          proxy: `http://127.0.0.1:${forwarding.port}`,
          emulator: plainAlias,
        };
      case 'http-localhost-name-via-proxy':
        return {
          baseUrl: `http://pool.localhost:${plainAlias.port}/v1`,
          key: plainAlias.key,
          proxy: `http://127.0.0.1:${forwarding.port}`,
          emulator: plainAlias,
        };
      case 'key-in-model-setting':
        return { baseUrl: emulator.apiBase, key: emulator.key, model: emulator.key, emulator };
      default: {
        const served = tls.get(target.slice('tls:'.length))!;
        return { baseUrl: `https://localhost:${served.port}/v1`, key: served.key, emulator: served };
      }
    }
  }

  async function arrange(f: FaultScenario): Promise<{ emulator: Emulator; key: string }> {
    // First heal every pool: a check the settings change below starts must not meet the last fault.
    for (const e of [emulator, proxied, plainAlias, ...tls.values()]) e.reset();
    const target = targetOf(f.target);
    const http = vscode.workspace.getConfiguration('http');
    if (http.inspect('proxy')?.globalValue !== target.proxy)
      await http.update('proxy', target.proxy, vscode.ConfigurationTarget.Global);
    await ensureUserSettings({
      baseUrl: target.baseUrl,
      fullUrl: false,
      model: target.model ?? f.model ?? 'gpt-5.5',
      requestTimeoutSeconds: f.timeoutSeconds ?? 30,
      'healthCheck.intervalSeconds': 300,
    });
    await pooler.testing!.storeKey(target.key);
    await settle(pooler);
    prepareEmulator(target.emulator, f);
    return target;
  }

  function assertDiagnosis(
    f: FaultScenario,
    report: { verdict: string; diagnoses: readonly { code: string; severity: string; detail: string }[] },
  ): void {
    const shown = report.diagnoses.map((d) => `${d.code}(${d.severity}): ${d.detail}`).join(', ');
    if (f.code === '') {
      assert.equal(report.verdict, 'ok', shown);
      return;
    }
    assert.equal(report.diagnoses[0]?.code, f.code, shown);
  }

  for (const f of FAULTS) {
    it(`${f.id}: ${f.situation} -> ${f.code || 'works'}, status bar ${f.indicator}`, async function () {
      if ((f.target?.startsWith('tls:') ?? false) && !certDir) return this.skip();
      const target = await arrange(f);
      if (f.thenRecovers) await target.emulator.stop();
      const proxyLogBefore = forwarding.log.length;
      try {
        if (f.mode === 'trae') {
          // On request only. What it finds is news about Trae's chat: the status bar shows it (the background
          // answer alone is fine), until a Trae-shaped check passes.
          const report = (await pooler.testing!.traeCheck())!;
          assertDiagnosis(f, report);
          const status = await waitForIndicator(pooler, f.indicator);
          if (f.code && f.indicator !== 'healthy')
            assert.ok(status.tooltip.includes(renderMsg(report.diagnoses[0]!.cause)), status.tooltip);
          prepareEmulator(target.emulator, { ...f, scenario: undefined });
          assert.equal((await pooler.testing!.traeCheck())?.verdict, 'ok');
          await waitForIndicator(pooler, 'healthy');
          return;
        }
        const report = (await pooler.checkConnection({ mode: f.mode }))!;
        assertDiagnosis(f, report);
        const status = await waitForIndicator(pooler, f.indicator);
        if (f.code && f.indicator !== 'healthy')
          assert.ok(status.tooltip.includes(renderMsg(report.diagnoses[0]!.cause)), status.tooltip);
        if (f.mode === 'background')
          assert.equal(target.emulator.countRoute('chat'), 0, 'a background check never sends the chat request');
        if (f.target === 'via-proxy') {
          await waitFor('the proxy to log the tunnel', () => forwarding.log.includes(`127.0.0.2:${proxied.port}`));
          assert.ok(proxied.countRoute('chat') === 1, 'the chat check reached the pool through the proxy');
          assert.ok(!forwarding.log.includes(target.key.slice(20)), 'the proxy never saw the key');
        }
        if (f.target === 'http-alias-via-proxy' || f.target === 'http-localhost-name-via-proxy') {
          assert.equal(target.emulator.requests.length, 0, 'nothing was sent');
          assert.ok(
            !forwarding.log.slice(proxyLogBefore).includes(String(plainAlias.port)),
            'nothing reached the proxy',
          );
        }
        if (f.target === 'key-in-model-setting') {
          assert.ok(
            target.emulator.requests.every((r) => !r.body.includes(target.key.slice(20))),
            'the key was never sent as a model',
          );
          assert.ok(!status.tooltip.includes(target.key.slice(20)), 'the tooltip never shows it');
        }
      } finally {
        if (f.thenRecovers) await target.emulator.restart();
      }
      if (f.thenRecovers) {
        const back = (await pooler.checkConnection({ mode: 'background' }))!;
        assert.equal(back.verdict, 'ok');
        await waitForIndicator(pooler, 'healthy');
      }
    });
  }

  describe('memory', () => {
    it("a body far over the cap is cut off without the extension host's memory growing more than a few MB", async () => {
      // The pool in its own process: its send buffers must not count as the extension host's memory.
      const pool = await startEmulatorProcess();
      try {
        await pool.scenario('huge-body');
        await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
        await ensureUserSettings({ baseUrl: pool.apiBase, model: 'gpt-5.5', requestTimeoutSeconds: 30 });
        await pooler.testing!.storeKey(pool.key);
        await settle(pooler);
        const collect = garbageCollector();
        const peaks: number[] = [];
        for (let i = 0; i < 5; i++) {
          peaks.push(
            await peakGrowthMb(async () => {
              const report = await pooler.checkConnection({ mode: 'background' });
              assert.equal(report?.diagnoses[0]?.code, 'too-large');
            }, collect),
          );
        }
        // Each body is 64 MB: reading one would add 64 MB to every sample. The client stops at its 4 MiB
        // cap: what it held, its copy and the socket's buffers come to about 2.5 times the cap in plain Node
        // (9-10 MB measured). The samples measure the whole extension host, whose other work adds a few MB
        // (12.3-13.4 MB seen since the check runs in its own bundle): the typical (median) run is held to 3.5
        // times the cap, the worst to six (still far below the 64 MB a read of the body would add).
        const cap = MAX_MODELS_BODY / 2 ** 20;
        const median = [...peaks].sort((a, b) => a - b)[Math.floor(peaks.length / 2)]!;
        const shown = `the extension host's memory peaked ${peaks.map((p) => p.toFixed(1)).join(', ')} MB over its baseline`;
        assert.ok(median < 3.5 * cap, shown);
        assert.ok(Math.max(...peaks) < 6 * cap, shown);
      } finally {
        pool.stop();
      }
    });
  });
});
