// One status bar item that answers "will Trae's chat work with this pool right now?" and how fresh that
// answer is. It renders only from the check service (the one owner of outcomes) and the schedule: never
// healthy unless the last check passed; a cancelled check restores the last answer at once.
import * as vscode from 'vscode';
import { ageText, dueText } from '../core/text/freshness';
import { markdownText } from '../core/text/markdownText';
import type { MessageId } from '../core/text/messages';
import type { CheckService, PublishedCheck } from '../services/checkService';
import type { ModelTests } from '../services/modelTests';
import {
  clearingAction,
  confirmedLine,
  modelLines,
  statusIndicator,
  statusProblems,
  type Indicator,
  type StatusAction,
  type StatusInputs,
} from '../services/statusModel';
import type { TraeConfirmations } from '../services/traeConfirmations';
import type { TraeFinding, TraeFindings } from '../services/traeFindings';
import { DisposableStore, type Event } from '../services/events';
import type { FocusPort } from '../services/ports';
import { RUNTIME_ARGUMENTS_COMMAND, TITLES } from './actions';
import { COMMANDS } from './commandIds';
import { localDateTime, render, t } from './l10n';

export type { Indicator } from '../services/statusModel';

export interface StatusSnapshot {
  readonly indicator: Indicator;
  readonly text: string;
  readonly tooltip: string;
  readonly accessibleLabel: string;
  readonly backgroundColor?: string;
  readonly command?: string;
}

/** What the schedule says about the next background check. */
export interface SchedulePort {
  readonly nextAt: number | undefined;
  readonly enabled: boolean;
  readonly onPlan: Event<void>;
}

const ICONS: Record<Indicator, string> = {
  notSetUp: '$(plug)',
  checking: '$(sync~spin)',
  healthy: '$(pass-filled)',
  degraded: '$(warning)',
  failing: '$(error)',
  off: '$(circle-slash)',
};

const STATE_NAMES: Record<Indicator, MessageId> = {
  notSetUp: 'ui.status.notSetUp',
  checking: 'ui.status.checking',
  healthy: 'ui.status.healthy',
  degraded: 'ui.status.degraded',
  failing: 'ui.status.failing',
  off: 'ui.status.off',
};

const REFRESH_MS = 30_000;

export class StatusBarIndicator implements vscode.Disposable {
  readonly #item: vscode.StatusBarItem;
  readonly #subscriptions = new DisposableStore();
  readonly #timer: ReturnType<typeof setInterval>;
  /** Whether this editor has VS Code's runtime arguments editor (some forks do not): until known, no. */
  #runtimeArguments = false;
  #disposed = false;

  constructor(
    private readonly checks: CheckService,
    private readonly schedule: SchedulePort,
    private readonly focus: FocusPort,
    private readonly findings: Pick<TraeFindings, 'current' | 'onDidChange'>,
    private readonly confirmations: Pick<TraeConfirmations, 'current' | 'onDidChange'>,
    private readonly tests: Pick<ModelTests, 'lastOf' | 'onDidChange'>,
    private readonly now: () => number = Date.now,
  ) {
    this.#item = vscode.window.createStatusBarItem('codexPooler.health', vscode.StatusBarAlignment.Right, 100);
    this.#item.name = 'Codex Pooler';
    this.#item.command = COMMANDS.statusMenu;
    this.#subscriptions.add(checks.onDidChange(() => this.paint()));
    this.#subscriptions.add(schedule.onPlan(() => this.paint()));
    this.#subscriptions.add(focus.onDidChange(() => this.paint()));
    this.#subscriptions.add(findings.onDidChange(() => this.paint()));
    this.#subscriptions.add(confirmations.onDidChange(() => this.paint()));
    this.#subscriptions.add(tests.onDidChange(() => this.paint()));
    // The age in the tooltip moves with time; repainting costs no request.
    this.#timer = setInterval(() => this.paint(), REFRESH_MS);
    this.paint();
    this.#item.show();
    vscode.commands.getCommands(true).then(
      (all) => {
        this.#runtimeArguments = all.includes(RUNTIME_ARGUMENTS_COMMAND);
        if (!this.#disposed) this.paint();
      },
      () => undefined,
    );
  }

  snapshot(): StatusSnapshot {
    const tooltip = this.#item.tooltip;
    const bg = this.#item.backgroundColor;
    return {
      indicator: this.#indicator(),
      text: this.#item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      accessibleLabel: this.#item.accessibilityInformation?.label ?? '',
      ...(bg ? { backgroundColor: bg.id } : {}),
      ...(typeof this.#item.command === 'string' ? { command: this.#item.command } : {}),
    };
  }

  dispose(): void {
    this.#disposed = true;
    clearInterval(this.#timer);
    this.#subscriptions.dispose();
    this.#item.dispose();
  }

  #inputs(): StatusInputs {
    return {
      last: this.checks.last,
      running: this.checks.running,
      scheduleEnabled: this.schedule.enabled,
      finding: this.findings.current,
    };
  }

  #indicator(): Indicator {
    return statusIndicator(this.#inputs());
  }

  paint(): void {
    const indicator = this.#indicator();
    const last = this.checks.last;
    const state = last?.report.diagnoses.some((d) => d.code === 'key-store-unavailable')
      ? t('ui.status.keyStore')
      : t(STATE_NAMES[indicator]);
    this.#item.text = `${ICONS[indicator]} ${this.#label(indicator, last)}`;
    this.#item.accessibilityInformation = { label: t('ui.status.accessible', { state }), role: 'button' };
    this.#item.backgroundColor =
      indicator === 'failing'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : indicator === 'degraded'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.#item.tooltip = this.#tooltip(indicator, state, last);
  }

  #label(indicator: Indicator, last: PublishedCheck | undefined): string {
    if (indicator === 'notSetUp') return t('ui.status.textSetUp');
    if (indicator === 'failing' && last) {
      if (last.report.diagnoses[0]?.code === 'key-store-unavailable') return t('ui.status.textKeyStore');
      const reset = last.report.facts.usage?.exhaustedLimits.find((l) => l.resetAt)?.resetAt;
      const time = reset ? localTime(reset) : undefined;
      if (time) return t('ui.status.textResets', { time });
    }
    // Background checks off: the answer shown is only as fresh as the last explicit check, and the bar says so.
    if (!this.schedule.enabled && last) return t('ui.status.textChecksOff');
    return t('ui.status.text');
  }

  #tooltip(indicator: Indicator, state: string, last: PublishedCheck | undefined): vscode.MarkdownString {
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = { enabledCommands: [...LINKED_COMMANDS] };
    md.supportThemeIcons = true;
    // Text goes in with its spaces (markdownText), never appendText: that makes them &nbsp; and words break.
    const paragraph = (text: string) => md.appendMarkdown(markdownText(text)).appendMarkdown('\n\n');
    const line = (text: string) => md.appendMarkdown(markdownText(text)).appendMarkdown('  \n');
    md.appendMarkdown('**Codex Pooler**: ').appendMarkdown(markdownText(state)).appendMarkdown('\n\n');
    if (last) this.#checkLines(line, last);
    paragraph(this.#nextText());
    // What Trae's own chat showed, said apart from the checks: a request with this key reached the pool.
    const confirmed = this.confirmations.current;
    if (confirmed && indicator !== 'notSetUp') {
      const said = confirmedLine(indicator, localDateTime(confirmed.at));
      md.appendMarkdown(`${said.icon} `);
      paragraph(render(said.text));
    }
    const inputs = this.#inputs();
    if (inputs.finding && indicator !== 'checking') this.#traeLines(line, paragraph, inputs.finding);
    for (const problem of statusProblems(inputs)) {
      md.appendMarkdown(problem.severity === 'error' ? '$(error) ' : '$(warning) ');
      paragraph(render(problem.cause));
      paragraph(t('ui.status.tooltip.fix', { fix: render(problem.fix) }));
    }
    // Every state that is not green offers the one action that clears it, first and on its own line.
    const clearing = this.#available(clearingAction(inputs));
    if (clearing) md.appendMarkdown(`$(arrow-right) **${actionLink(clearing)}**\n\n`);
    const others: StatusAction[] =
      indicator === 'notSetUp' ? ['openWizard', 'setApiKey'] : ['checkConnection', 'openWizard'];
    const links = [
      ...others.filter((a) => a !== clearing).map(actionLink),
      ...(confirmed || indicator === 'notSetUp' ? [] : [link('ui.action.confirmTrae', COMMANDS.confirmTrae)]),
      ...(indicator === 'notSetUp' ? [] : [link('ui.action.showLog', COMMANDS.showLog)]),
    ];
    md.appendMarkdown(links.join(' · '));
    return md;
  }

  /** The pool, each model (offered or not, its last test), when it was checked, and the quota the last check saw. */
  #checkLines(line: (text: string) => void, last: PublishedCheck): void {
    const report = last.report;
    line(t('ui.status.tooltip.pool', { host: report.target.endpoint?.host ?? (report.target.baseUrl || '—') }));
    for (const parts of modelLines(report, (m) => this.tests.lastOf(m), this.now()))
      line(parts.map(render).join(' · '));
    const kind = t(report.mode === 'full' ? 'ui.status.tooltip.kindFull' : 'ui.status.tooltip.kindBackground');
    const latency =
      report.facts.latencyMs !== undefined && report.steps.some((s) => s.id === 'models' && s.status !== 'skipped')
        ? ' · ' + t('ui.status.tooltip.latency', { ms: report.facts.latencyMs })
        : '';
    line(
      t('ui.status.tooltip.checked', {
        age: render(ageText(this.now() - last.finishedAt)),
        time: localTime(new Date(last.finishedAt).toISOString()) ?? '',
        kind,
      }) + latency,
    );
    const quota = report.facts.usage?.tightest;
    if (quota) {
      const limit = render(quota.name);
      const resetAt = quota.resetAt ? localTime(quota.resetAt) : undefined;
      line(
        resetAt
          ? t('ui.status.tooltip.quota', { remaining: quota.remaining, max: quota.max, limit, resetAt })
          : t('ui.status.tooltip.quotaNoReset', { remaining: quota.remaining, max: quota.max, limit }),
      );
    }
  }

  /** When the Trae-shaped check found it, and why it still shows. */
  #traeLines(line: (text: string) => void, paragraph: (text: string) => void, finding: TraeFinding): void {
    const when = {
      age: render(ageText(this.now() - finding.finishedAt)),
      time: localTime(new Date(finding.finishedAt).toISOString()) ?? '',
    };
    line(t(finding.report.verdict === 'error' ? 'ui.status.tooltip.trae' : 'ui.status.tooltip.traeWarning', when));
    paragraph(t('ui.status.tooltip.traeHolds'));
  }

  /** The action, or Check Connection when this editor cannot run it (no runtime arguments editor). */
  #available(action: StatusAction | undefined): StatusAction | undefined {
    return action === 'configureRuntimeArguments' && !this.#runtimeArguments ? 'checkConnection' : action;
  }

  #nextText(): string {
    if (this.checks.running) return t('ui.status.tooltip.checkingNow');
    if (!this.schedule.enabled) return t('ui.status.tooltip.backgroundOff');
    const next = this.schedule.nextAt;
    if (next === undefined) return '';
    if (!this.focus.focused) return t('ui.status.tooltip.nextOnFocus');
    return t('ui.status.tooltip.next', { when: render(dueText(next - this.now())) });
  }
}

/** "14:05" (or "Dec 1, 14:05" on another day) in the editor's language; undefined when not a time. */
export function localTime(iso: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(vscode.env.language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Commands the tooltip's links may run: the actions that clear a state, and the usual ones. */
const SETTINGS_COMMAND = 'workbench.action.openSettings';
const ACTION_COMMANDS: Record<StatusAction, { readonly id: string; readonly args?: readonly string[] }> = {
  openWizard: { id: COMMANDS.openWizard },
  setApiKey: { id: COMMANDS.setApiKey },
  checkConnection: { id: COMMANDS.checkConnection },
  traeCheck: { id: COMMANDS.traeCheck },
  openProxySettings: { id: SETTINGS_COMMAND, args: ['http.proxy'] },
  openTimeoutSetting: { id: SETTINGS_COMMAND, args: ['codexPooler.requestTimeoutSeconds'] },
  configureRuntimeArguments: { id: RUNTIME_ARGUMENTS_COMMAND },
  moveSecret: { id: COMMANDS.moveSecretFromSettings },
};
const LINKED_COMMANDS = new Set([
  ...Object.values(ACTION_COMMANDS).map((c) => c.id),
  COMMANDS.showLog,
  COMMANDS.confirmTrae,
]);

function actionLink(action: StatusAction): string {
  const { id, args } = ACTION_COMMANDS[action];
  return link(TITLES[action], args ? `${id}?${encodeURIComponent(JSON.stringify(args))}` : id);
}

function link(id: MessageId, command: string): string {
  return `[${escapeLinkText(t(id))}](command:${command})`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, '\\$&');
}
