// The wizard's webview panel: life cycle and I/O only. It answers the webview's typed requests through
// the controller, posts the view (rendered and clamped by view.ts, redacted on its way out) and never
// throws after the panel is gone: late results are dropped, posts to a disposed webview are ignored.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import catalog from '../core/text/catalog.json';
import { englishOf, msg, type MessageId, type Msg } from '../core/text/messages';
import type { TraeErrorCode } from '../core/trae/traeErrors';
import { render, t } from '../editor/l10n';
import { editorFlavor, resolveGuideLanguage } from '../editor/settings';
import { wizardTraeCommands } from '../core/trae/traeIdentity';
import type { Redactor } from '../services/redactor';
import type { Log } from '../editor/log';
import { Refused, WizardController, type WizardHost } from './controller';
import { guideFor, guideTextFor, guideView } from './guideView';
import {
  isWebviewString,
  LIMITS,
  parseParams,
  RequestSchema,
  TO_WEBVIEW,
  type Method,
  type ProblemView,
  type Result,
  type ToWebview,
  type WizardCommand,
} from './protocol';
import { buildModelList, buildView, clip } from './view';
import { WIZARD_VIEW_TYPE } from './viewType';

export interface PanelDependencies {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly redactor: Redactor;
  /** Everything the controller needs except the commands this panel runs itself. */
  readonly host: Omit<WizardHost, 'runCommand' | 'guideText' | 'memento' | 'clipboard'>;
}

export class WizardPanel implements vscode.Disposable {
  static #current: WizardPanel | undefined;
  /** A panel being opened (its controller is still reading the key): a second open waits for it. */
  static #opening: Promise<void> | undefined;
  readonly #subscriptions: vscode.Disposable[] = [];
  #disposed = false;
  #lastView = '';
  #listToken = 0;
  #sentListToken = -1;
  #listSource: unknown;
  #pushQueued = false;
  #commands = { openChat: undefined as string | undefined, openTraeSettings: undefined as string | undefined };

  /** Opens the wizard, or brings the open one to the front. */
  static async open(deps: PanelDependencies): Promise<void> {
    if (WizardPanel.#current) return WizardPanel.#current.panel.reveal();
    if (WizardPanel.#opening) return WizardPanel.#opening;
    const panel = vscode.window.createWebviewPanel(
      WIZARD_VIEW_TYPE,
      t('ui.wizard.title'),
      vscode.ViewColumn.Active,
      options(deps.context),
    );
    WizardPanel.#opening = WizardPanel.#start(panel, deps).finally(() => (WizardPanel.#opening = undefined));
    return WizardPanel.#opening;
  }

  /** After an editor restart: the serializer hands back the panel VS Code kept; the host knows the step. */
  static async revive(panel: vscode.WebviewPanel, deps: PanelDependencies): Promise<void> {
    WizardPanel.#current?.dispose();
    panel.webview.options = options(deps.context);
    await WizardPanel.#start(panel, deps);
    deps.log.info('Setup wizard: restored after a restart.');
  }

  /** Builds the controller, then the panel; a panel closed meanwhile gets nothing started and nothing thrown. */
  static async #start(panel: vscode.WebviewPanel, deps: PanelDependencies): Promise<void> {
    let wizard: WizardPanel | undefined;
    let closed = false;
    const watch = panel.onDidDispose(() => (closed = true));
    let controller: WizardController;
    try {
      controller = await WizardController.create({
        ...deps.host,
        memento: deps.context.globalState,
        clipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
        guideText: (model, what) => {
          const guide = guideFor(model, guideLanguage(deps));
          return guide && guideTextFor(guide, what, render, t('ui.wizard.keyPlaceholder'));
        },
        runCommand: (command) => wizard?.runCommand(command) ?? Promise.resolve(),
      });
    } catch (error) {
      deps.log.error(`Setup wizard: could not open: ${error instanceof Error ? error.message : String(error)}`);
      if (!closed) panel.dispose();
      return;
    } finally {
      watch.dispose();
    }
    if (closed) return controller.dispose();
    wizard = new WizardPanel(panel, controller, deps);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly controller: WizardController,
    private readonly deps: PanelDependencies,
  ) {
    WizardPanel.#current = this;
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.#html();
    this.#subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.#receive(raw)),
      controller.onDidChange(() => this.#schedulePush()),
    );
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (WizardPanel.#current === this) WizardPanel.#current = undefined;
    this.controller.dispose();
    for (const s of this.#subscriptions) s.dispose();
    this.panel.dispose();
  }

  async runCommand(command: WizardCommand): Promise<void> {
    if (command === 'close') return this.dispose();
    if (command === 'showLog') return this.deps.log.show();
    if (command === 'checkConnection')
      return void (await vscode.commands.executeCommand('codexPooler.checkConnection'));
    const id = command === 'openChat' ? this.#commands.openChat : this.#commands.openTraeSettings;
    const what = t(command === 'openChat' ? 'ui.wizard.chat.open' : 'ui.wizard.chat.openSettings');
    // Asked again now: the command must exist at the moment it is called; if not, or if it fails, the user reads why.
    if (!id || !(await vscode.commands.getCommands(true)).includes(id))
      throw new Refused(msg('ui.wizard.command.missing', { what }), msg('ui.wizard.command.missingFix'));
    try {
      await vscode.commands.executeCommand(id);
    } catch (error) {
      this.deps.log.warn(`Setup wizard: ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new Refused(
        msg('ui.wizard.command.failed', {
          what,
          detail: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200),
        }),
        msg('ui.wizard.command.missingFix'),
      );
    }
  }

  async #receive(raw: unknown): Promise<void> {
    const request = RequestSchema.safeParse(raw);
    if (!request.success) {
      this.deps.log.error(
        `Setup wizard: a message from the webview did not fit the protocol (${describe(raw)}); it was not acted on.`,
      );
      const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      if (typeof id === 'number') this.#post({ kind: 'response', id, ok: false, reason: protocolProblem() });
      return;
    }
    const { id, method, params: rawParams } = request.data;
    const params = parseParams(method, rawParams);
    if (params === undefined) {
      this.deps.log.error(`Setup wizard: the ${method} request did not fit the protocol; it was not acted on.`);
      this.#post({ kind: 'response', id, ok: false, reason: protocolProblem() });
      return;
    }
    try {
      const result = await this.#handle(method, params as never);
      this.#post({ kind: 'response', id, ok: true, result: result ?? {} });
    } catch (error) {
      if (!(error instanceof Refused))
        this.deps.log.error(
          `Setup wizard: ${method} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      const reason =
        error instanceof Refused
          ? {
              severity: 'error' as const,
              cause: clip(render(error.reason), LIMITS.text),
              fix: error.fix ? clip(render(error.fix), LIMITS.text) : '',
            }
          : protocolProblem();
      this.#post({ kind: 'response', id, ok: false, reason });
    }
  }

  async #handle<M extends Method>(method: M, p: never): Promise<Result<M> | void> {
    const c = this.controller;
    const params = p as Record<string, never>;
    switch (method as Method) {
      case 'ready':
        return this.#ready() as Promise<Result<M>>;
      case 'setDraft':
        return c.setDraft(
          { url: params['url'], fullUrl: params['fullUrl'], model: params['model'] },
          params['basedOn'],
        );
      case 'goTo':
        return c.goTo(params['step']);
      case 'storeKey':
        return c.storeKey(params['key']) as Promise<Result<M>>;
      case 'storePendingKey':
        return c.storePendingKey() as Promise<Result<M>>;
      case 'discardPendingKey':
        return c.discardPendingKey();
      case 'recheck':
        return c.recheck(params['what']);
      case 'runTest':
        return c.runTest();
      case 'runTraeCheck':
        return c.runTraeCheck();
      case 'cancel':
        return c.cancel(params['what']);
      case 'save':
        return c.save();
      case 'discardDraft':
        return c.discardDraft();
      case 'copy':
        return c.copy(params['what']);
      case 'setLanguage':
        return c.setLanguage(params['language']);
      case 'dismissNotice':
        return c.dismissNotice(params['id']);
      case 'command':
        return c.command(params['command']);
      case 'explainTraeError': {
        const key = params['key'] as string;
        const finding = await c.explainTraeError(key === 'unknown' ? 'unknown' : (Number(key) as TraeErrorCode));
        if (!finding) throw new Refused(msg('ui.wizard.trae.explainCancelled'));
        const r = (m: Msg) => clip(render(m), LIMITS.text);
        return {
          verdict: finding.verdict,
          lines: finding.lines.slice(0, 10).map(r),
          problems: finding.problems
            .slice(0, LIMITS.problems)
            .map((d) => ({ severity: d.severity, cause: r(d.cause), fix: r(d.fix) })),
        } as Result<M>;
      }
      case 'reportProblem':
        this.deps.log.error(
          `Setup wizard: the webview could not read a message from the extension: ${String(params['detail'])}`,
        );
        return;
    }
  }

  async #ready(): Promise<Result<'ready'>> {
    // Trae's own commands only in Trae or Trae CN, and only those the editor lists now.
    const offered = wizardTraeCommands(editorFlavor(), await vscode.commands.getCommands(true));
    this.#commands = { openChat: offered.openChat, openTraeSettings: offered.openTraeSettings };
    // A (re)loaded webview has nothing yet: send everything again.
    this.#lastView = '';
    this.#sentListToken = -1;
    this.#schedulePush();
    return { strings: webviewStrings() };
  }

  #schedulePush(): void {
    if (this.#pushQueued || this.#disposed) return;
    this.#pushQueued = true;
    queueMicrotask(() => {
      this.#pushQueued = false;
      this.#push();
    });
  }

  #push(): void {
    if (this.#disposed) return;
    const model = this.controller.model;
    const source = model.checks.current('list');
    if (source !== this.#listSource) {
      this.#listSource = source;
      this.#listToken++;
    }
    const lang = guideLanguage(this.deps);
    const view = buildView(
      model,
      {
        render,
        language: lang,
        commands: { openChat: !!this.#commands.openChat, openTraeSettings: !!this.#commands.openTraeSettings },
        guide: (m) => {
          const guide = guideFor(m, lang);
          return guide && guideView(guide, render);
        },
      },
      this.#listToken,
    );
    if (
      this.#sentListToken !== this.#listToken &&
      this.#post({ kind: 'models', list: buildModelList(model, this.#listToken, render) })
    )
      this.#sentListToken = this.#listToken;
    const json = JSON.stringify(view);
    if (json === this.#lastView) return;
    if (this.#post({ kind: 'view', view })) this.#lastView = json;
  }

  /** Posts what passes the schema the webview checks (after redaction); returns whether it did. */
  #post(message: ToWebview): boolean {
    if (this.#disposed) return false;
    const safe = this.deps.redactor.redactDeep(message);
    // What does not pass is a bug here: it is logged, and the webview is told something went wrong.
    const checked = TO_WEBVIEW.safeParse(safe);
    if (!checked.success) {
      this.deps.log.error(
        `Setup wizard: refused to post an invalid ${message.kind} message (${checked.error.issues[0]?.path.join('.') ?? '?'}).`,
      );
      if (message.kind === 'response')
        this.#post({ kind: 'response', id: message.id, ok: false, reason: protocolProblem() });
      else if (message.kind !== 'problem') this.#post({ kind: 'problem', reason: protocolProblem() });
      return false;
    }
    Promise.resolve(this.panel.webview.postMessage(safe)).then(undefined, () => undefined);
    return true;
  }

  #html(): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(18).toString('base64');
    const dist = vscode.Uri.joinPath(this.deps.context.extensionUri, 'dist');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'));
    const csp = [
      `default-src 'none'`,
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
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

function options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    retainContextWhenHidden: false,
  };
}

function guideLanguage(deps: PanelDependencies) {
  return resolveGuideLanguage(deps.host.settings.read().guideLanguage);
}

function protocolProblem(): ProblemView {
  return {
    severity: 'error',
    cause: render(msg('ui.wizard.protocolProblem.cause')),
    fix: render(msg('ui.wizard.protocolProblem.fix')),
  };
}

/** The webview's own strings, as templates in the user's language (it fills the placeholders). */
function webviewStrings(): string[][] {
  const bundle = vscode.l10n.bundle;
  return (Object.keys(catalog) as MessageId[])
    .filter(isWebviewString)
    .map((id) => [id, bundle?.[englishOf(id)] ?? englishOf(id)]);
}

function describe(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'method' in raw)
    return `method ${JSON.stringify(String((raw as { method: unknown }).method).slice(0, 40))}`;
  return typeof raw;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
