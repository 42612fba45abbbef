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
import { proxyRouteFor } from '../core/proxyRoute';
import { proxySettings, readSettings } from './settings';

export interface ConnectionServiceOptions {
  readonly store: PoolKeyStore;
  readonly log: Log;
  readonly transport: Transport;
  readonly userAgent: string;
}

export interface CheckOptions {
  readonly signal?: AbortSignal;
  /** Values to check instead of the saved settings (the wizard's draft). */
  readonly draft?: { readonly baseUrl: unknown; readonly fullUrl: unknown; readonly model: string };
  /** false: a draft check that must not move the status bar. Default true. */
  readonly publish?: boolean;
}

export class ConnectionService implements vscode.Disposable {
  readonly #started = new vscode.EventEmitter<CheckMode>();
  readonly #reported = new vscode.EventEmitter<CheckReport>();
  readonly #abandoned = new vscode.EventEmitter<void>();
  readonly onDidStart = this.#started.event;
  readonly onDidReport = this.#reported.event;
  /** A check was cancelled: nothing new is known. */
  readonly onDidAbandon = this.#abandoned.event;
  #latest = 0;
  #published = 0;
  #report: CheckReport | undefined;

  readonly #options: ConnectionServiceOptions;

  constructor(options: ConnectionServiceOptions) {
    this.#options = options;
  }

  get lastReport(): CheckReport | undefined {
    return this.#report;
  }

  async check(mode: CheckMode, options: CheckOptions = {}): Promise<CheckReport> {
    const publish = options.publish ?? true;
    const sequence = publish ? ++this.#latest : 0;
    const settings = readSettings();
    const target = options.draft ?? settings;
    const signal = options.signal;
    const key = await this.#options.store.get();
    this.#options.log.setSecrets([key]);
    if (publish) this.#started.fire(mode);
    const client = new PoolClient({ transport: this.#options.transport, timeoutMs: settings.timeoutSeconds * 1000, userAgent: this.#options.userAgent });
    const proxies = proxySettings();
    const report = await checkConnection(
      { baseUrl: target.baseUrl, fullUrl: target.fullUrl, model: target.model, key, mode, proxyFor: (url) => proxyRouteFor(url, proxies), ...(signal ? { signal } : {}) },
      { client },
    );
    const text = formatReport(report, (m) => renderMsg(m));
    const title = `${mode} check${publish ? '' : ' (setup wizard draft)'}`;
    if (report.verdict === 'ok') this.#options.log.info(`${title}\n${text}`);
    else this.#options.log.warn(`${title}\n${text}`);

    if (!publish) return report;
    if (report.diagnoses.some((d) => d.code === 'cancelled')) {
      this.#abandoned.fire();
    } else if (sequence > this.#published) {
      this.#published = sequence;
      this.#report = report;
      this.#reported.fire(report);
    }
    return report;
  }

  dispose(): void {
    this.#started.dispose();
    this.#reported.dispose();
    this.#abandoned.dispose();
  }
}
