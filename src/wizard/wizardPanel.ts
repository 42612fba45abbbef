// The host side of the setup wizard: owns the wizard state (saved in globalState, never the key),
// answers the webview's requests through the same services as the commands, and posts state back.
// The webview only ever sees the masked key; copying the key goes through the host clipboard.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { CheckReport } from '../core/check';
import { findModel } from '../core/check';
import type { Diagnosis } from '../core/diagnosis';
import { analyzeEndpoint, suggestCorrection, type EndpointAnalysis, type EndpointFinding } from '../core/endpoint';
import { englishOf, type MessageId } from '../core/messages';
import { maskKey } from '../core/poolKey';
import { buildTraeGuide, dialogFields, guideAsText, type GuideLanguage } from '../core/traeGuide';
import catalog from '../core/catalog.json';
import type { ConnectionService } from '../editor/connection';
import { render, t } from '../editor/l10n';
import type { Log } from '../editor/log';
import type { PoolKeyStore } from '../editor/secrets';
import { readSettings, resolveGuideLanguage, writeConnection } from '../editor/settings';
import {
  STEPS,
  TO_HOST,
  TO_WEBVIEW,
  isWebviewString,
  parseMessage,
  type CopyTarget,
  type ModelView,
  type ProblemView,
  type ReportView,
  type Step,
  type ToHost,
  type ToWebview,
  type WizardState,
} from './protocol';
import { WIZARD_VIEW_TYPE } from './viewType';

const DRAFT_KEY = 'codexPooler.wizardDraft';
// Commands that open an agent chat, if the editor has one (Trae's own first); never called unless listed.
const CHAT_COMMANDS = ['workbench.action.chat.icube.open', 'workbench.action.chat.open'];

interface Draft {
  step: Step;
  url: string;
  fullUrl: boolean;
  model: string;
  language: GuideLanguage;
  /** These exact values passed the test and were saved: steps 5 and 6 stay open after a restart. */
  saved: boolean;
}

export interface WizardDependencies {
  readonly context: vscode.ExtensionContext;
  readonly service: ConnectionService;
  readonly store: PoolKeyStore;
  readonly log: Log;
}

export class WizardPanel implements vscode.Disposable {
  private static current: WizardPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private draft: Draft;
  private state: Pick<WizardState, 'key' | 'models' | 'test' | 'canOpenChat'>;
  private ready = false;
  private testAbort: AbortController | undefined;
  private chatCommand: string | undefined;
  /** A one-way hash of the stored key, to notice when it changes (the key itself is not kept). */
  private keyFingerprint: string | undefined;

  /** Opens the wizard, or brings the open one to the front. */
  static open(deps: WizardDependencies): WizardPanel {
    if (WizardPanel.current) {
      WizardPanel.current.panel.reveal();
      return WizardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(WIZARD_VIEW_TYPE, t('ui.wizard.title'), vscode.ViewColumn.Active, WizardPanel.options(deps.context));
    return new WizardPanel(panel, deps);
  }

  /** After an editor restart: the serializer hands back the panel VS Code kept. */
  static revive(panel: vscode.WebviewPanel, deps: WizardDependencies, state: unknown): WizardPanel {
    WizardPanel.current?.dispose();
    panel.webview.options = WizardPanel.options(deps.context);
    const wizard = new WizardPanel(panel, deps);
    // The webview's own saved state is the freshest word on where the user was (checked: untrusted).
    const step = typeof state === 'object' && state !== null ? (state as { step?: unknown }).step : undefined;
    if (typeof step === 'number' && (STEPS as readonly number[]).includes(step)) wizard.draft = { ...wizard.draft, step: step as Step };
    deps.log.info(`Setup wizard: restored after a restart, at step ${wizard.draft.step}.`);
    return wizard;
  }

  static get isOpen(): boolean {
    return WizardPanel.current !== undefined;
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')], retainContextWhenHidden: false };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: WizardDependencies,
  ) {
    WizardPanel.current = this;
    this.draft = this.loadDraft();
    this.state = {
      key: { stored: false },
      models: { status: 'idle', list: [], problems: [] },
      test: { status: 'idle' },
      canOpenChat: false,
    };
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      deps.store.onDidChange(() => void this.refreshKey()),
    );
  }

  dispose(): void {
    if (WizardPanel.current === this) WizardPanel.current = undefined;
    this.testAbort?.abort();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseMessage(TO_HOST, raw);
    if (!message) {
      this.deps.log.warn(`Setup wizard: ignored a malformed message (${describe(raw)}).`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error(`Setup wizard: ${message.type} failed: ${String(error)}`);
      if ('requestId' in message) this.post({ type: 'reply', requestId: message.requestId, ok: false });
    }
  }

  private async handle(message: ToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.start();
      case 'draft': {
        const modelChanged = message.model.trim() !== this.draft.model.trim();
        const urlChanged = message.url !== this.draft.url || message.fullUrl !== this.draft.fullUrl;
        this.draft = { ...this.draft, url: message.url, fullUrl: message.fullUrl, model: message.model };
        if (urlChanged) this.state = { ...this.state, models: { status: 'idle', list: [], problems: [] } };
        if (urlChanged || modelChanged) {
          this.state = { ...this.state, test: { status: 'idle' } };
          this.draft = { ...this.draft, saved: false };
        }
        await this.saveDraft();
        return this.push();
      }
      case 'goTo':
        this.draft = { ...this.draft, step: Math.min(message.step, this.furthestStep()) as Step };
        await this.saveDraft();
        return this.push();
      case 'storeKey': {
        const analysis = await this.deps.store.store(message.key);
        if (analysis.ok) this.deps.log.info(`Setup wizard: Pool API key stored in secret storage (${maskKey(analysis.key!)}).`);
        this.post({ type: 'reply', requestId: message.requestId, ok: analysis.ok, ...(analysis.ok ? {} : { problem: { severity: 'error', cause: render(analysis.cause), fix: render(analysis.fix) } }) });
        return this.refreshKey();
      }
      case 'fetchModels':
        return this.fetchModels(message.requestId);
      case 'runTest':
        return this.runTest(message.requestId);
      case 'cancelTest':
        this.testAbort?.abort();
        return;
      case 'saveAndContinue':
        return this.saveAndContinue(message.requestId);
      case 'copy':
        return this.copy(message.requestId, message.what);
      case 'language':
        this.draft = { ...this.draft, language: message.language };
        await this.saveDraft();
        return this.push();
      case 'command':
        return this.runCommand(message.command);
    }
  }

  private async start(): Promise<void> {
    this.ready = true;
    const commands = await vscode.commands.getCommands(true);
    this.chatCommand = CHAT_COMMANDS.find((c) => commands.includes(c));
    this.state = { ...this.state, canOpenChat: this.chatCommand !== undefined };
    await this.refreshKey(false);
    this.draft = { ...this.draft, step: Math.min(this.draft.step, this.furthestStep()) as Step };
    this.post({ type: 'init', strings: webviewStrings(), state: this.snapshot() });
    if (this.draft.step >= 3 && this.state.models.status === 'idle') void this.fetchModels(0);
  }

  private async refreshKey(push = true): Promise<void> {
    const key = await this.deps.store.get();
    const masked = key === undefined ? undefined : maskKey(key);
    const print = fingerprint(key);
    const changed = this.keyFingerprint !== undefined && this.keyFingerprint !== print;
    this.keyFingerprint = print;
    this.state = { ...this.state, key: masked ? { stored: true, masked } : { stored: false } };
    // Another key (or none) may see other models and other results: what was found no longer holds.
    if (key === undefined || changed) {
      this.state = { ...this.state, test: { status: 'idle' }, models: { status: 'idle', list: [], problems: [] } };
      if (changed) this.draft = { ...this.draft, saved: false };
    }
    if (push) this.push();
  }

  private async fetchModels(requestId: number): Promise<void> {
    this.state = { ...this.state, models: { ...this.state.models, status: 'loading' } };
    this.push();
    const report = await this.deps.service.check('background', { draft: this.draftTarget(), publish: false });
    // Step 1 shows the URL findings; here only what blocks the list, and an empty list.
    const problems = report.diagnoses.filter((d) => d.code !== 'model-not-listed' && d.code !== 'model-missing' && (d.step !== 'url' || d.severity === 'error')).map((d) => toProblemView(d, 3));
    this.state = { ...this.state, models: { status: report.facts.models ? 'done' : 'error', list: toModelViews(report), problems } };
    if (requestId) this.post({ type: 'reply', requestId, ok: report.facts.models !== undefined });
    this.push();
  }

  private async runTest(requestId: number): Promise<void> {
    this.testAbort?.abort();
    const abort = new AbortController();
    this.testAbort = abort;
    this.state = { ...this.state, test: { status: 'running' } };
    this.push();
    const report = await this.deps.service.check('full', { draft: this.draftTarget(), publish: false, signal: abort.signal });
    if (this.testAbort !== abort) return;
    this.testAbort = undefined;
    const cancelled = report.diagnoses.some((d) => d.code === 'cancelled');
    this.state = { ...this.state, test: cancelled ? { status: 'idle' } : { status: 'done', report: toReportView(report) } };
    if (report.facts.models) this.state = { ...this.state, models: { status: 'done', list: toModelViews(report), problems: this.state.models.problems } };
    this.post({ type: 'reply', requestId, ok: !cancelled && report.verdict !== 'error' });
    this.push();
  }

  /** Writes the checked values to the user settings; the settings change starts a health check. */
  private async saveAndContinue(requestId: number): Promise<void> {
    const analysis = this.analyzeUrl();
    const report = this.state.test.report;
    if (!analysis.ok || !report || report.verdict === 'error') {
      this.post({ type: 'reply', requestId, ok: false });
      return;
    }
    await writeConnection({ baseUrl: analysis.input, fullUrl: this.draft.fullUrl, model: this.draft.model.trim() });
    this.deps.log.info(`Setup wizard: saved ${analysis.endpoint!.apiBase} (Full URL ${this.draft.fullUrl ? 'on' : 'off'}), model ${this.draft.model.trim()}.`);
    this.draft = { ...this.draft, step: 5, saved: true };
    await this.saveDraft();
    this.post({ type: 'reply', requestId, ok: true });
    this.push();
  }

  private async copy(requestId: number, what: CopyTarget): Promise<void> {
    const guide = this.guide();
    let value: string | undefined;
    if (what === 'apiKey') value = await this.deps.store.get();
    else if (what === 'all') value = guide ? guideAsText(guide, render, t('ui.wizard.keyPlaceholder')) : undefined;
    else value = guide && dialogFields(guide.dialog).find((f) => f.id === what)?.value;
    if (value === undefined) {
      this.post({ type: 'reply', requestId, ok: false });
      return;
    }
    await vscode.env.clipboard.writeText(value);
    this.post({ type: 'reply', requestId, ok: true });
  }

  private async runCommand(command: 'openChat' | 'checkConnection' | 'showLog' | 'close'): Promise<void> {
    if (command === 'close') return this.dispose();
    if (command === 'showLog') return this.deps.log.show();
    if (command === 'checkConnection') {
      await vscode.commands.executeCommand('codexPooler.checkConnection');
      return;
    }
    // Asked again now: the command must exist at the moment it is called.
    const available = await vscode.commands.getCommands(true);
    if (this.chatCommand && available.includes(this.chatCommand)) await vscode.commands.executeCommand(this.chatCommand);
  }

  private analyzeUrl(): EndpointAnalysis {
    return analyzeEndpoint(this.draft.url, this.draft.fullUrl);
  }

  /** The furthest step the user may be on, given what is valid now. */
  private furthestStep(url = this.analyzeUrl()): Step {
    if (!url.ok) return 1;
    if (!this.state.key.stored) return 2;
    if (this.draft.model.trim() === '') return 3;
    if (this.draft.saved) return 6;
    const report = this.state.test.report;
    return report && report.verdict !== 'error' ? 6 : 4;
  }

  private guide(url = this.analyzeUrl()) {
    const endpoint = url.endpoint;
    const model = this.draft.model.trim();
    if (!endpoint || model === '') return undefined;
    const listed = findModel(this.state.models.list, model);
    return buildTraeGuide({ endpoint, model: listed ?? { id: model }, language: this.draft.language });
  }

  private snapshot(): WizardState {
    const url = this.analyzeUrl();
    const guide = this.guide(url);
    return {
      step: this.draft.step,
      furthest: this.furthestStep(url),
      url: this.draft.url,
      fullUrl: this.draft.fullUrl,
      model: this.draft.model,
      urlCheck: { ok: url.ok, problems: url.findings.map(toFindingView), ...(url.endpoint ? { traeCallUrl: url.endpoint.traeCallUrl } : {}), ...fixAllOf(url) },
      language: this.draft.language,
      saved: this.draft.saved,
      ...this.state,
      ...(guide
        ? {
            guide: {
              steps: guide.steps.map((s) => ({ id: s.id, title: render(s.title), body: render(s.body) })),
              fields: dialogFields(guide.dialog).map((f) => ({ id: f.id, label: f.title, kind: f.kind === 'dropdown' ? 'choice' : f.kind, value: f.value, on: f.on === true, note: [f.note, ...(f.reason ? [f.reason] : [])].map(render).join(' ') })),
              errors: guide.traeErrors.map((e) => ({ shown: render(e.title), meaning: render(e.meaning), fix: render(e.fix) })),
            },
          }
        : {}),
    };
  }

  private push(): void {
    if (this.ready) this.post({ type: 'state', state: this.snapshot() });
  }

  private post(message: ToWebview): void {
    // The same schema the webview checks: what does not pass is a bug here, so it is logged, not sent.
    if (!parseMessage(TO_WEBVIEW, message)) {
      this.deps.log.error(`Setup wizard: refused to post an invalid ${message.type} message.`);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private draftTarget() {
    return { baseUrl: this.draft.url, fullUrl: this.draft.fullUrl, model: this.draft.model.trim() };
  }

  private loadDraft(): Draft {
    const saved = this.deps.context.globalState.get<Partial<Draft>>(DRAFT_KEY) ?? {};
    const settings = readSettings();
    const step = typeof saved.step === 'number' && saved.step >= 1 && saved.step <= 6 ? (Math.floor(saved.step) as Step) : 1;
    return {
      step,
      url: typeof saved.url === 'string' ? saved.url : typeof settings.baseUrl === 'string' ? settings.baseUrl : '',
      fullUrl: typeof saved.fullUrl === 'boolean' ? saved.fullUrl : settings.fullUrl === true,
      model: typeof saved.model === 'string' ? saved.model : settings.model,
      language: saved.language === 'en' || saved.language === 'zh-cn' ? saved.language : resolveGuideLanguage(settings.guideLanguage),
      saved: saved.saved === true,
    };
  }

  private saveDraft(): Thenable<void> {
    // Never the key: only what the user may see again after a restart.
    const { step, url, fullUrl, model, language, saved } = this.draft;
    return this.deps.context.globalState.update(DRAFT_KEY, { step, url, fullUrl, model, language, saved });
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(18).toString('base64');
    const dist = vscode.Uri.joinPath(this.deps.context.extensionUri, 'dist');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(t('ui.wizard.title'))}</title>
</head>
<body>
<main id="app" aria-busy="true"><p>${escapeHtml(t('ui.wizard.loading'))}</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

/** The webview's own strings, as templates in the user's language (it fills the placeholders). */
function webviewStrings(): string[][] {
  const bundle = vscode.l10n.bundle;
  return (Object.keys(catalog) as MessageId[]).filter(isWebviewString).map((id) => [id, bundle?.[englishOf(id)] ?? englishOf(id)]);
}

function toModelViews(report: CheckReport): ModelView[] {
  return (report.facts.models ?? []).map((m) => ({ id: m.id, displayName: m.displayName, supportsImages: m.supportsImages, ...(m.contextLength !== undefined ? { contextLength: m.contextLength } : {}) }));
}

/** Which step of the wizard fixes a diagnosis (none when it is the step the user is on). */
function stepFor(d: Diagnosis, current: Step): Step | undefined {
  const step: Step | undefined = d.action === 'fixUrl' || d.step === 'url' ? 1 : d.action === 'setApiKey' || d.step === 'key' ? 2 : d.action === 'chooseModel' ? 3 : undefined;
  return step === current ? undefined : step;
}

function toProblemView(d: Diagnosis, current: Step): ProblemView {
  const goTo = stepFor(d, current);
  return { severity: d.severity, cause: render(d.cause), fix: render(d.fix), ...(goTo ? { goTo } : {}) };
}

function toFindingView(f: EndpointFinding): ProblemView {
  return { severity: f.severity, cause: render(f.cause), fix: render(f.fix), corrections: f.corrections.map((c) => ({ url: c.url, fullUrl: c.fullUrl, label: render(c.label) })) };
}

/** "Fix everything" when more than one problem has a certain fix. */
function fixAllOf(analysis: EndpointAnalysis): { fixAll?: { url: string; fullUrl: boolean; label: string } } {
  const fixable = analysis.findings.filter((f) => f.severity !== 'info' && f.corrections.length > 0).length;
  const fix = fixable > 1 ? suggestCorrection(analysis.input, analysis.fullUrl) : undefined;
  return fix ? { fixAll: { ...fix, label: t('ui.wizard.url.fixAll', { url: fix.url, fullUrl: fix.fullUrl ? t('ui.wizard.url.on') : t('ui.wizard.url.off') }) } } : {};
}

function toReportView(report: CheckReport): ReportView {
  return {
    verdict: report.verdict,
    durationMs: report.durationMs,
    steps: report.steps.map((s) => ({ id: s.id, status: s.status, durationMs: s.durationMs })),
    problems: report.diagnoses.map((d) => toProblemView(d, 4)),
    ...(report.facts.answer !== undefined ? { answer: report.facts.answer.slice(0, 2000) } : {}),
    ...(report.facts.servedModel !== undefined ? { servedModel: report.facts.servedModel } : {}),
  };
}

function fingerprint(key: string | undefined): string {
  return key === undefined ? 'none' : crypto.createHash('sha256').update(key).digest('hex');
}

function describe(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'type' in raw) return `type ${JSON.stringify(String((raw as { type: unknown }).type).slice(0, 40))}`;
  return typeof raw;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
