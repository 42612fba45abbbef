// Background health: the core scheduler, fed by the editor's focus, settings and key changes.
// Background checks are 'background' mode only: GET /v1/models, never the chat request.
import * as vscode from 'vscode';
import { healthOfReport } from '../core/check';
import { HealthScheduler, systemClock, type Clock } from '../core/healthSchedule';
import type { ConnectionService } from './connection';
import type { PoolKeyStore } from './secrets';
import { affectsPoolSettings, readSettings } from './settings';

export const MAX_BACKOFF_MS = 60 * 60 * 1000;

export class HealthMonitor implements vscode.Disposable {
  private readonly scheduler: HealthScheduler;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(service: ConnectionService, store: PoolKeyStore, clock: Clock = systemClock) {
    this.scheduler = new HealthScheduler({
      intervalMs: readSettings().intervalSeconds * 1000,
      maxBackoffMs: MAX_BACKOFF_MS,
      clock,
      focused: vscode.window.state.focused,
      run: async () => healthOfReport(await service.check('background')),
    });
    this.subscriptions.push(
      vscode.window.onDidChangeWindowState((state) => this.scheduler.setFocused(state.focused)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsPoolSettings(event)) return;
        this.scheduler.setIntervalMs(readSettings().intervalSeconds * 1000);
        this.scheduler.trigger();
      }),
      store.onDidChange(() => this.scheduler.trigger()),
      service.onDidAbandon(() => this.scheduler.trigger()),
    );
  }

  start(): void {
    this.scheduler.start();
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
