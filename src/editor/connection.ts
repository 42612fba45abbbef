// Runs checks for the whole editor: reads settings and the key, calls the core, logs the report and
// publishes it. A newer check always wins: an older one that ends later is not published.
import * as vscode from 'vscode';
import { checkConnection, type CheckMode, type CheckReport } from '../core/check';
import { renderMsg } from '../core/messages';
import { PoolClient } from '../core/poolClient';
import { formatReport } from '../core/reportText';
import type { Transport } from '../core/transport';
import type { Log } from './log';
import type { PoolKeyStore } from './secrets';
import { configuredProxy, readSettings } from './settings';

export interface ConnectionServiceOptions {
  readonly store: PoolKeyStore;
  readonly log: Log;
  readonly transport: Transport;
  readonly userAgent: string;
}

export class ConnectionService implements vscode.Disposable {
  private readonly started = new vscode.EventEmitter<CheckMode>();
  private readonly reported = new vscode.EventEmitter<CheckReport>();
  private readonly abandoned = new vscode.EventEmitter<void>();
  readonly onDidStart = this.started.event;
  readonly onDidReport = this.reported.event;
  /** A check was cancelled: nothing new is known. */
  readonly onDidAbandon = this.abandoned.event;
  private latest = 0;
  private published = 0;
  private report: CheckReport | undefined;
  private running = 0;

  constructor(private readonly options: ConnectionServiceOptions) {}

  get lastReport(): CheckReport | undefined {
    return this.report;
  }

  get isChecking(): boolean {
    return this.running > 0;
  }

  async check(mode: CheckMode, signal?: AbortSignal): Promise<CheckReport> {
    const sequence = ++this.latest;
    const settings = readSettings();
    const key = await this.options.store.get();
    this.options.log.setSecrets([key]);
    this.running++;
    this.started.fire(mode);
    let report: CheckReport;
    try {
      const client = new PoolClient({ transport: this.options.transport, timeoutMs: settings.timeoutSeconds * 1000, userAgent: this.options.userAgent });
      const proxy = configuredProxy();
      report = await checkConnection(
        { baseUrl: settings.baseUrl, fullUrl: settings.fullUrl, model: settings.model, key, mode, ...(proxy ? { proxy } : {}), ...(signal ? { signal } : {}) },
        { client },
      );
    } finally {
      this.running--;
    }
    const text = formatReport(report, (m) => renderMsg(m));
    if (report.verdict === 'ok') this.options.log.info(`${mode} check\n${text}`);
    else this.options.log.warn(`${mode} check\n${text}`);

    if (report.diagnoses.some((d) => d.code === 'cancelled')) {
      this.abandoned.fire();
    } else if (sequence > this.published) {
      this.published = sequence;
      this.report = report;
      this.reported.fire(report);
    }
    return report;
  }

  dispose(): void {
    this.started.dispose();
    this.reported.dispose();
    this.abandoned.dispose();
  }
}
