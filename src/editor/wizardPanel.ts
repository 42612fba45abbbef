// The wizard's webview panel: its life cycle and I/O only. It opens (or revives) the panel, builds the
// controller with the editor's real ports, connects the page through the generic channel
// (src/editor/webviewChannel.ts) to the handler table (handlers.ts), and posts what the view publisher
// says changed. Nothing is thrown or posted after the panel is gone.
import * as vscode from 'vscode';
import { systemClock } from '../core/check/healthSchedule';
import catalog from '../core/text/catalog.json';
import type { LinkResult } from '../core/trae/setupLink';
import { englishOf, type MessageId } from '../core/text/messages';
import { localDateTime, localTimeOfDay, render, t } from './l10n';
import type { Log } from './log';
import { resolveGuideLanguage } from './settings';
import { WebviewChannel, type ChannelReason } from './webviewChannel';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { findTraeCommands, wizardEditorActions, type TraeCommandIds } from './wizardActions';
import type { Redactor } from '../services/redactor';
import { WizardController } from '../wizard/controller';
import { KeyClipboard } from '../wizard/checks/copying';
import { guideFor, guidesFor, guideTextFor } from '../wizard/view/guideView';
import { wizardHandlers } from '../wizard/handlers';
import { inviteFor, inviteText, localHostOf, type InviteSource } from '../core/trae/invite';
import { type WizardPorts } from '../wizard/checks/ports';
import { RefusedRequest } from '../wizard/protocol/protocol';
import { dispatchOf, isWebviewString, OutgoingSchema, type Result } from '../wizard/protocol/protocol';
import { LIMITS } from '../wizard/protocol/limits';
import type { ViewContext } from '../wizard/view/view';
import { clip } from '../wizard/protocol/clamp';
import { ViewPublisher } from '../wizard/view/viewPublisher';
import { WIZARD_VIEW_TYPE } from '../wizard/protocol/viewType';

export interface PanelDependencies {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly redactor: Redactor;
  /** Everything the controller needs except what this panel provides itself. */
  readonly ports: Omit<WizardPorts, 'editorAction' | 'guideText' | 'inviteText' | 'memento' | 'clipboard'>;
}

export class WizardPanel implements vscode.Disposable {
  static #current: WizardPanel | undefined;
  /** A panel being opened (its controller is still reading the key): a second open waits for it. */
  static #opening: Promise<void> | undefined;
  /** Outlives every panel: a wizard closed within the minute still clears the key from the clipboard then. */
  static #clipboard: KeyClipboard | undefined;
  readonly #subscriptions: vscode.Disposable[] = [];
  readonly #channel: WebviewChannel;
  readonly #publisher = new ViewPublisher();
  #disposed = false;
  #pushQueued = false;
  private traeCommandIds: TraeCommandIds = {};

  /** Opens the wizard, or brings the open one to the front. */
  static async open(deps: PanelDependencies): Promise<void> {
    if (WizardPanel.#current) return WizardPanel.#current.panel.reveal();
    if (WizardPanel.#opening) return WizardPanel.#opening;
    const options = webviewOptions(deps.context.extensionUri);
    const panel = vscode.window.createWebviewPanel(
      WIZARD_VIEW_TYPE,
      t('ui.wizard.title'),
      vscode.ViewColumn.Active,
      options,
    );
    WizardPanel.#opening = WizardPanel.#start(panel, deps).finally(() => (WizardPanel.#opening = undefined));
    return WizardPanel.#opening;
  }

  /**
   * A setup link: the wizard opens (or comes to the front) with the link's values as a draft "from a link".
   * Nothing is saved, and nothing is sent to the link's pool until the user clicks "Check this pool".
   */
  static async openLink(deps: PanelDependencies, link: Extract<LinkResult, { ok: true }>): Promise<void> {
    await WizardPanel.open(deps);
    WizardPanel.#current?.controller.openLink(link.draft, link.origin, link.host);
  }

  /**
   * "Confirm Trae Reaches the Pool" with the wizard open: its last step does the watching. False when no
   * wizard is open (the command watches on its own).
   */
  static showConfirmStep(): boolean {
    const current = WizardPanel.#current;
    if (!current) return false;
    current.panel.reveal();
    if (current.controller.state.reachable('confirm')) current.controller.goTo('confirm');
    return true;
  }

  /** After an editor restart: the serializer hands back the panel VS Code kept; the host knows the step. */
  static async revive(panel: vscode.WebviewPanel, deps: PanelDependencies): Promise<void> {
    WizardPanel.#current?.dispose();
    panel.webview.options = webviewOptions(deps.context.extensionUri);
    await WizardPanel.#start(panel, deps);
    deps.log.info('Setup wizard: restored after a restart.');
  }

  /** Deactivation: the open wizard closes, and the key leaves the clipboard now if it is still there. */
  static disposeAll(): void {
    WizardPanel.#current?.dispose();
    void WizardPanel.#opening?.then(() => WizardPanel.#current?.dispose());
    WizardPanel.#clipboard?.dispose();
    WizardPanel.#clipboard = undefined;
  }

  static #keyClipboard(deps: PanelDependencies): KeyClipboard {
    const { clipboard } = vscode.env;
    return (WizardPanel.#clipboard ??= new KeyClipboard({
      clipboard: { readText: async () => clipboard.readText(), writeText: async (text) => clipboard.writeText(text) },
      clock: systemClock,
      log: deps.log,
    }));
  }

  /** Builds the controller, then the panel; a panel closed meanwhile gets nothing started and nothing thrown. */
  static async #start(panel: vscode.WebviewPanel, deps: PanelDependencies): Promise<void> {
    // The panel the controller's actions reach, once it exists (the controller is built first).
    const opened: { wizard?: WizardPanel } = {};
    let closed = false;
    const watch = panel.onDidDispose(() => (closed = true));
    let controller: WizardController;
    try {
      controller = await WizardController.create({
        ...deps.ports,
        memento: deps.context.globalState,
        clipboard: WizardPanel.#keyClipboard(deps),
        guideText: (state, what, model) => {
          const language = guideLanguage(deps);
          const guide = guideFor(state, language, model);
          // "Copy all as text" with several models: the main model's checklist, then each further model's values.
          const others = what === 'all' && model === undefined ? guidesFor(state, language).slice(1) : [];
          return guide && guideTextFor(guide, what, render, t('ui.wizard.keyPlaceholder'), others);
        },
        inviteText: (what) => inviteText(what, inviteSource(deps), render),
        editorAction: wizardEditorActions({
          log: deps.log,
          commands: () => opened.wizard?.traeCommandIds ?? {},
          close: () => opened.wizard?.dispose(),
        }),
      });
    } catch (error) {
      deps.log.error(`Setup wizard: could not open: ${error instanceof Error ? error.message : String(error)}`);
      if (!closed) panel.dispose();
      return;
    } finally {
      watch.dispose();
    }
    if (closed) return controller.dispose();
    opened.wizard = new WizardPanel(panel, controller, deps);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly controller: WizardController,
    private readonly deps: PanelDependencies,
  ) {
    WizardPanel.#current = this;
    const handlers = wizardHandlers({ controller, render, log: deps.log, ready: () => this.#ready() });
    this.#channel = new WebviewChannel({
      webview: panel.webview,
      redactor: deps.redactor,
      log: deps.log,
      name: 'Setup wizard',
      dispatch: (raw) => dispatchOf(raw, handlers),
      misfit: (message) => {
        const checked = OutgoingSchema.safeParse(message);
        return checked.success ? undefined : (checked.error.issues[0]?.path.join('.') ?? '?');
      },
      reasonOf,
      protocolProblem,
    });
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, deps.context.extensionUri, {
      title: t('ui.wizard.title'),
      loading: t('ui.wizard.loading'),
      failed: t('ui.wizard.startFailed'),
    });
    this.#subscriptions.push(
      this.#channel,
      panel.onDidDispose(() => this.dispose()),
      // The last step watches the pool only while it can be seen.
      panel.onDidChangeViewState(({ webviewPanel }) => controller.setVisible(webviewPanel.visible)),
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

  /** The page is up: Trae's commands are looked up for its buttons, and everything is sent again. */
  async #ready(): Promise<Result<'ready'>> {
    this.traeCommandIds = await findTraeCommands();
    this.#publisher.reset();
    this.#schedulePush();
    return { strings: webviewStrings() };
  }

  #schedulePush(): void {
    if (this.#pushQueued || this.#disposed) return;
    this.#pushQueued = true;
    queueMicrotask(() => {
      this.#pushQueued = false;
      if (!this.#disposed)
        this.#publisher.publish(this.controller.state, this.#viewContext(), (m) => this.#channel.post(m));
    });
  }

  #viewContext(): ViewContext {
    const language = guideLanguage(this.deps);
    return {
      render,
      language,
      traeCommands: {
        openChat: !!this.traeCommandIds.openChat,
        openTraeSettings: !!this.traeCommandIds.openTraeSettings,
      },
      guide: (state) => guideFor(state, language),
      confirm: this.controller.confirmSnapshot,
      ...(this.controller.every.rows ? { everyModel: this.controller.every.rows } : {}),
      timeOfDay: localTimeOfDay,
      dateTime: localDateTime,
      now: Date.now(),
      invite: inviteFor(inviteSource(this.deps)),
      inviteLocalHost: localHostOf(inviteSource(this.deps)),
    };
  }
}

/** The saved setup, this editor's link scheme and the extension's id: what a setup link is built from. */
function inviteSource(deps: PanelDependencies): InviteSource {
  const { baseUrl, fullUrl, model, moreModels } = deps.ports.settings.read();
  return {
    saved: { baseUrl, fullUrl, model, moreModels },
    scheme: vscode.env.uriScheme,
    extensionId: deps.context.extension.id,
  };
}

function guideLanguage(deps: PanelDependencies) {
  return resolveGuideLanguage(deps.ports.settings.read().guideLanguage);
}

/** A refusal reads as its cause and fix; anything else as the generic problem (and is logged). */
function reasonOf(error: unknown): { reason: ChannelReason; expected: boolean } {
  if (!(error instanceof RefusedRequest)) return { reason: protocolProblem(), expected: false };
  const cause = clip(render(error.reason), LIMITS.text);
  const fix = error.fix ? clip(render(error.fix), LIMITS.text) : '';
  return { reason: { severity: 'error', cause, fix }, expected: true };
}

function protocolProblem(): ChannelReason {
  return { severity: 'error', cause: t('ui.wizard.protocolProblem.cause'), fix: t('ui.wizard.protocolProblem.fix') };
}

/** The webview's own strings, as templates in the user's language (it fills the placeholders). */
function webviewStrings(): string[][] {
  const bundle = vscode.l10n.bundle;
  return (Object.keys(catalog) as MessageId[])
    .filter(isWebviewString)
    .map((id) => [id, bundle?.[englishOf(id)] ?? englishOf(id)]);
}
