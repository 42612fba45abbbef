// Everything the user starts by hand: the command handlers and the setup wizard. Built as its own
// bundle (dist/interactive.js) and loaded on the first command, so activation does not parse it.
import type * as vscode from 'vscode';
import { commandHandlers, type CommandHandlers } from './editor/commands';
import type { Log } from './editor/log';
import { createNodeStreamTransport } from './core/http/node/nodeStream';
import { createNodeTransport } from './core/http/node/nodeTransport';
import { proxyRouteFor } from './core/http/proxyRoute';
import { proxySettings, type VscodeSettings } from './editor/settings';
import type { CheckService } from './services/checkService';
import { KeyReplacement } from './services/keyReplacement';
import { OnDemandChecks } from './services/onDemandChecks';
import { checkTraeError } from './services/traeErrorCheck';
import type { PoolKeyStore } from './services/keyStore';
import type { Redactor } from './services/redactor';
import type { OwnTraffic } from './services/ownTraffic';
import type { TraeConfirmations } from './services/traeConfirmations';
import type { TraeFindings } from './services/traeFindings';
import type { ModelTests } from './services/modelTests';
import { TraeWatch } from './services/traeWatch';
import { SharedUsageReader, usageReader } from './services/usageReader';
import { systemClock } from './core/check/healthSchedule';
import type { WizardChecks } from './wizard/checks/ports';
import { connectionOf } from './wizard/state/stateTypes';
import { WizardPanel, type PanelDependencies } from './editor/wizardPanel';

export interface InteractiveDependencies {
  readonly context: vscode.ExtensionContext;
  readonly checks: CheckService;
  readonly findings: TraeFindings;
  readonly confirmations: TraeConfirmations;
  /** The last test chat of each model (Copy Diagnostics lists them; "Test every model" records here). */
  readonly modelTests: ModelTests;
  readonly ownTraffic: OwnTraffic;
  readonly keys: PoolKeyStore;
  readonly settings: VscodeSettings;
  readonly log: Log;
  readonly redactor: Redactor;
  readonly extensionVersion: string;
  readonly userAgent: string;
}

export interface Interactive extends vscode.Disposable {
  readonly handlers: CommandHandlers;
  readonly onDemand: OnDemandChecks;
  reviveWizard(panel: vscode.WebviewPanel): Promise<void>;
}

export function createInteractive(deps: InteractiveDependencies): Interactive {
  const { checks } = deps;
  const onDemand = new OnDemandChecks({
    ...deps,
    transport: createNodeTransport(),
    stream: createNodeStreamTransport(),
    userAgent: deps.userAgent,
    proxyFor: (url) => proxyRouteFor(url, proxySettings()),
  });
  // Watching the pool's free usage counter for Trae's own request (the wizard's last step, the command):
  // one reader for the window, so every watcher together stays within 12 readings a minute.
  const usage = new SharedUsageReader({
    clock: systemClock,
    read: usageReader({ ...deps, transport: createNodeTransport() }),
  });
  const watch = () => new TraeWatch({ clock: systemClock, usage, ownTraffic: deps.ownTraffic });
  // The palette command's watches, so deactivation stops one still running (the wizard's go with its panel).
  const commandWatches = new Set<TraeWatch>();
  const commandWatch = () => {
    for (const w of commandWatches) if (!w.watching) commandWatches.delete(w);
    const made = watch();
    commandWatches.add(made);
    return made;
  };
  const replacement = new KeyReplacement({ keys: deps.keys, checks, redactor: deps.redactor, log: deps.log });
  const wizardChecks: WizardChecks = {
    reach: async (d, signal) => {
      const outcome = await onDemand.reach({ baseUrl: d.url, fullUrl: d.fullUrl }, { signal });
      return outcome.kind === 'done' ? { kind: 'done', result: outcome.report } : outcome;
    },
    list: (d, signal) => checks.checkDraft('background', connectionOf(d), { signal }),
    test: (d, signal) => checks.checkDraft('full', connectionOf(d), { signal }),
    trae: async (d, signal) => {
      const outcome = await onDemand.traeCheck(connectionOf(d), { signal });
      return outcome.kind === 'done' ? { kind: 'done', result: outcome.report } : outcome;
    },
  };
  const panel: PanelDependencies = {
    context: deps.context,
    log: deps.log,
    redactor: deps.redactor,
    ports: {
      checks: wizardChecks,
      keys: deps.keys,
      replaceKey: (candidate, target, options) => replacement.replace(candidate, target, options),
      settings: deps.settings,
      log: deps.log,
      lastCheck: () => checks.last,
      onDidPublish: (listener) =>
        checks.onDidChange((e) => {
          if (e.kind === 'reported') listener(e.check);
        }),
      explain: (key, signal) => checkTraeError(key, { signal }, { checks, onDemand, settings: deps.settings }),
      watch,
      confirmations: deps.confirmations,
    },
  };
  return {
    onDemand,
    handlers: commandHandlers({
      ...deps,
      onDemand,
      replacement,
      watch: commandWatch,
      openWizard: () => WizardPanel.open(panel),
      extensionId: deps.context.extension.id,
      openLink: (link) => WizardPanel.openLink(panel, link),
      showConfirmStep: () => WizardPanel.showConfirmStep(),
    }),
    reviveWizard: (webviewPanel) => WizardPanel.revive(webviewPanel, panel),
    // Deactivation: nothing of the command or the wizard outlives it (the key leaves the clipboard too).
    dispose: () => {
      for (const w of commandWatches) w.dispose();
      commandWatches.clear();
      WizardPanel.disposeAll();
      usage.dispose();
    },
  };
}
