// What the host does for each message of the protocol's table (protocol.ts): one typed handler per
// request and per command, so params and results keep their types end to end (no casts). Each handler
// is a thin step into the controller; the page's "ready" is answered by the panel. No `vscode`.
import { msg } from '../core/text/messages';
import { traeErrorKeyOf } from '../core/trae/traeErrors';
import type { LogPort } from '../services/ports';
import type { WizardController } from './controller';
import { RefusedRequest } from './protocol/protocol';
import type { CommandHandlers, RequestHandlers, Result } from './protocol/protocol';
import { isNoticeId } from './state/stateTypes';
import { explainView } from './view/viewParts';
import type { Render } from './protocol/clamp';

export interface HandlerDeps {
  readonly controller: WizardController;
  readonly render: Render;
  readonly log: LogPort;
  /** The page is up: its strings (the panel then posts the view). */
  readonly ready: () => Promise<Result<'ready'>>;
}

export function wizardHandlers(deps: HandlerDeps): { requests: RequestHandlers; commands: CommandHandlers } {
  const c = deps.controller;
  const done = {};
  const requests: RequestHandlers = {
    ready: () => deps.ready(),
    goTo: ({ step }) => (c.goTo(step), done),
    storeKey: ({ key }) => c.storeKey(key),
    storePendingKey: () => c.storePendingKey(),
    discardPendingKey: () => (c.discardPendingKey(), done),
    recheck: async ({ what }) => (await c.recheck(what), done),
    runTest: async () => (await c.runTest(), done),
    runTraeCheck: async ({ model }) => (await c.runTraeCheck(model), done),
    testEveryModel: async () => (await c.every.run(c.state.draft), done),
    save: async () => (await c.save(), done),
    discardDraft: () => (c.discardDraft(), done),
    checkLinkPool: () => (c.checkLinkPool(), done),
    copy: async ({ what, model }) => (await c.copy(what, model), done),
    markAdded: ({ model, added }) => (c.markAdded(model, added), done),
    editorAction: async ({ action }) => (await c.editorAction(action), done),
    watchAgain: () => (c.watchAgain(), done),
    forgetConfirmation: async () => (await c.forgetConfirmation(), done),
    explainTraeError: async ({ key }) => {
      const finding = await c.explainTraeError(traeErrorKeyOf(key) ?? 'unknown');
      if (!finding) throw new RefusedRequest(msg('ui.wizard.trae.explainCancelled'));
      return explainView(finding, deps.render);
    },
  };
  const commands: CommandHandlers = {
    setDraft: ({ url, fullUrl, modelId, moreModels, basedOn }) =>
      c.setDraft({ url, fullUrl, modelId, ...(moreModels ? { moreModels } : {}) }, basedOn),
    cancel: ({ what }) => (what === 'every' ? c.every.cancel() : c.cancel(what)),
    setLanguage: ({ language }) => c.setLanguage(language),
    sawTraeError: () => c.sawTraeError(),
    dismissNotice: ({ id }) => {
      if (isNoticeId(id)) c.dismissNotice(id);
    },
    reportProblem: ({ detail }) => {
      deps.log.error(`Setup wizard: the webview reported a problem: ${detail}`);
    },
  };
  return { requests, commands };
}
