// One status bar item that says how the pool is doing. It only ever shows what the last finished
// check found ("checking" while one runs): never healthy unless that check passed.
import * as vscode from 'vscode';
import { healthOfReport, type CheckReport } from '../core/check';
import type { MessageId } from '../core/messages';
import { COMMANDS } from './commandIds';
import { render, t } from './l10n';

export type Indicator = 'notSetUp' | 'checking' | 'healthy' | 'degraded' | 'failing';

export interface StatusSnapshot {
  readonly indicator: Indicator;
  readonly text: string;
  readonly tooltip: string;
  readonly backgroundColor?: string;
  readonly command?: string;
}

export function indicatorOf(report: CheckReport): Exclude<Indicator, 'checking'> {
  const health = healthOfReport(report);
  return health === 'ok' ? 'healthy' : health;
}

const ICONS: Record<Indicator, string> = {
  notSetUp: '$(plug)',
  checking: '$(sync~spin)',
  healthy: '$(pass-filled)',
  degraded: '$(warning)',
  failing: '$(error)',
};

const STATE_NAMES: Record<Indicator, MessageId> = {
  notSetUp: 'ui.status.notSetUp',
  checking: 'ui.status.checking',
  healthy: 'ui.status.healthy',
  degraded: 'ui.status.degraded',
  failing: 'ui.status.failing',
};

export class StatusBarIndicator implements vscode.Disposable {
  readonly #item: vscode.StatusBarItem;
  #indicator: Indicator = 'checking';
  #report: CheckReport | undefined;

  constructor() {
    this.#item = vscode.window.createStatusBarItem('codexPooler.health', vscode.StatusBarAlignment.Right, 100);
    this.#item.name = 'Codex Pooler';
    this.#item.command = COMMANDS.statusMenu;
    this.#paint();
    this.#item.show();
  }

  showChecking(): void {
    this.#indicator = 'checking';
    this.#paint();
  }

  showReport(report: CheckReport): void {
    this.#report = report;
    this.#indicator = indicatorOf(report);
    this.#paint();
  }

  /** Back to what the last finished check said (after a cancelled one). */
  restore(): void {
    this.#indicator = this.#report ? indicatorOf(this.#report) : 'checking';
    this.#paint();
  }

  snapshot(): StatusSnapshot {
    const tooltip = this.#item.tooltip;
    const bg = this.#item.backgroundColor as vscode.ThemeColor | undefined;
    return {
      indicator: this.#indicator,
      text: this.#item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      ...(bg ? { backgroundColor: bg.id } : {}),
      ...(typeof this.#item.command === 'string' ? { command: this.#item.command } : {}),
    };
  }

  dispose(): void {
    this.#item.dispose();
  }

  #paint(): void {
    const state = t(STATE_NAMES[this.#indicator]);
    const label = this.#indicator === 'notSetUp' ? t('ui.status.textSetUp') : t('ui.status.text');
    this.#item.text = `${ICONS[this.#indicator]} ${label}`;
    this.#item.accessibilityInformation = { label: t('ui.status.accessible', { state }), role: 'button' };
    this.#item.backgroundColor =
      this.#indicator === 'failing'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : this.#indicator === 'degraded'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.#item.tooltip = this.#tooltip(state);
  }

  #tooltip(state: string): vscode.MarkdownString {
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = { enabledCommands: [COMMANDS.checkConnection, COMMANDS.openWizard, COMMANDS.showLog, COMMANDS.setApiKey] };
    md.supportThemeIcons = true;
    md.appendMarkdown(`**Codex Pooler**: `).appendText(state).appendMarkdown('\n\n');
    const report = this.#report;
    if (report) {
      const target = report.target;
      md.appendText(t('ui.status.tooltip.pool', { host: target.endpoint?.host ?? (String(target.baseUrl) || '—') })).appendMarkdown('  \n');
      md.appendText(t('ui.status.tooltip.model', { model: target.model || t('ui.status.tooltip.noModel') })).appendMarkdown('  \n');
      const when = new Date(report.startedAt).toLocaleTimeString(vscode.env.language);
      md.appendText(t(report.mode === 'full' ? 'ui.status.tooltip.lastFull' : 'ui.status.tooltip.lastBackground', { time: when }));
      if (report.facts.latencyMs !== undefined && report.steps.some((s) => s.id === 'models' && s.status !== 'skipped')) {
        md.appendText(' · ' + t('ui.status.tooltip.latency', { ms: report.facts.latencyMs }));
      }
      md.appendMarkdown('\n\n');
      const first = report.diagnoses.find((d) => d.severity !== 'info');
      if (first && this.#indicator !== 'healthy') {
        md.appendMarkdown('$(warning) ').appendText(render(first.cause)).appendMarkdown('\n\n');
        md.appendText(t('ui.status.tooltip.fix', { fix: render(first.fix) })).appendMarkdown('\n\n');
      }
    } else if (this.#indicator === 'checking') {
      md.appendText(t('ui.status.tooltip.firstCheck')).appendMarkdown('\n\n');
    }
    const link = (id: MessageId, command: string) => `[${escapeLinkText(t(id))}](command:${command})`;
    const links = this.#indicator === 'notSetUp'
      ? [link('ui.action.openWizard', COMMANDS.openWizard), link('ui.action.setApiKey', COMMANDS.setApiKey)]
      : [link('ui.action.checkConnection', COMMANDS.checkConnection), link('ui.action.openWizard', COMMANDS.openWizard), link('ui.action.showLog', COMMANDS.showLog)];
    md.appendMarkdown(links.join(' · '));
    return md;
  }
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, '\\$&');
}
