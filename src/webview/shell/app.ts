// The wizard's shell: header, step navigation (built once, updated in place so focus never drops),
// the banners (unsaved draft, notices, a protocol problem) and the current step. The host decides which
// step is open and reachable; the webview only renders that and sends what the user does.
import { LIMITS } from '../../wizard/protocol/limits';
import type { RequestName } from '../../wizard/protocol/messageKinds';
import type { Params } from '../../wizard/protocol/protocol';
import type { ModelListView, WizardView } from '../../wizard/protocol/protocolViews';
import { STEP_NAMES, STEP_TITLES, type StepName } from '../../wizard/protocol/steps';
import { h, icon, replaceChildren } from '../dom';
import { RequestFailed, Rpc, type RpcPort } from '../rpc';
import type { AppContext, LocalDraft, StepModule } from '../stepContract';
import { mountConfirm } from '../steps/confirm';
import { mountKey } from '../steps/key';
import { mountModel } from '../steps/model';
import { mountTest } from '../steps/test';
import { mountTrae } from '../steps/trae';
import { mountUrl } from '../steps/url';
import { setStrings, tr } from '../strings';
import { announce, createAnnouncer, setText } from '../ui';

const MOUNT: Record<StepName, (ctx: AppContext) => StepModule> = {
  url: mountUrl,
  key: mountKey,
  model: mountModel,
  test: mountTest,
  trae: mountTrae,
  confirm: mountConfirm,
};

/** Starts the page; a start that fails is said on the page, never left as an unhandled rejection. */
export function startApp(port?: RpcPort): App {
  const app = new App(port);
  app.start().catch((error: unknown) => app.failedToStart(error));
  return app;
}

export class App implements AppContext {
  readonly rpc: Rpc;
  readonly local: LocalDraft = { url: '', fullUrl: false, modelId: '', moreModels: [], basedOn: -1 };
  #view: WizardView | undefined;
  #models: ModelListView | undefined;
  #step: { name: StepName; module: StepModule } | undefined;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #root = document.getElementById('app')!;
  readonly #nav = new Map<StepName, HTMLButtonElement>();
  readonly #banner = h('div', { className: 'banners' });
  readonly #failure = h('p', { className: 'failure', role: 'alert', hidden: true });
  readonly #stepArea = h('section', { className: 'step', 'aria-labelledby': 'step-title' });

  constructor(port?: RpcPort) {
    this.rpc = new Rpc(
      {
        view: (v) => this.#render(v),
        models: (m) => this.#setModels(m),
        problem: (reason) => (reason ? this.showFailure(new RequestFailed(reason)) : this.#showProblem()),
      },
      port,
    );
  }

  async start(): Promise<void> {
    const { strings } = await this.rpc.request('ready', {});
    setStrings(strings);
    this.#root.removeAttribute('aria-busy');
    replaceChildren(
      this.#root,
      h('header', {}, h('h1', {}, tr('ui.wizard.title')), h('p', { className: 'muted' }, tr('ui.wizard.subtitle'))),
      this.#buildNav(),
      this.#banner,
      this.#failure,
      this.#stepArea,
      createAnnouncer(),
    );
    if (this.#view) this.#render(this.#view);
  }

  /** start() failed (no reply to `ready`, or drawing failed): said on the page, and told to the host's log. */
  failedToStart(error: unknown): void {
    this.rpc.send('reportProblem', { detail: `the page could not start: ${String(error)}`.slice(0, LIMITS.detail) });
    if (this.#root.querySelector('nav')) return this.showFailure(error);
    // No strings yet: the line the host put in the page, already in the user's language.
    const failed = document.getElementById('start-failed') ?? h('p', {}, tr('ui.wizard.startFailed'));
    failed.hidden = false;
    failed.setAttribute('role', 'alert');
    this.#root.removeAttribute('aria-busy');
    replaceChildren(this.#root, failed);
  }

  goTo(step: StepName): void {
    void this.#leaveFor(step);
  }

  async #leaveFor(step: StepName): Promise<void> {
    // Nothing the user typed is dropped without a word: the step saves it or says why it cannot.
    if (
      this.#step &&
      this.#step.name !== step &&
      this.#step.module.beforeLeave &&
      !(await this.#step.module.beforeLeave())
    )
      return;
    this.#flushDraft();
    this.rpc.request('goTo', { step }).catch((error) => this.showFailure(error));
  }

  draftChanged(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => this.#flushDraft(), 120);
  }

  act<M extends RequestName>(name: M, params: Params<M>): void {
    this.rpc.request(name, params).catch((error: unknown) => this.showFailure(error));
  }

  showFailure(error: unknown): void {
    const text =
      error instanceof RequestFailed
        ? [error.reason.cause, error.reason.fix].filter(Boolean).join(' ')
        : tr('ui.wizard.protocolProblem.cause');
    this.#failure.hidden = false;
    setText(this.#failure, text);
    announce(text);
  }

  #flushDraft(): void {
    if (this.#draftTimer === undefined) return;
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    const { url, fullUrl, modelId, moreModels = [], basedOn } = this.local;
    this.rpc.send('setDraft', { url, fullUrl, modelId, moreModels: moreModels.slice(0, LIMITS.moreModels), basedOn });
  }

  #buildNav(): HTMLElement {
    const items = STEP_NAMES.map((name, i) => {
      const button = h(
        'button',
        { type: 'button', className: 'step-link', 'data-step': name, onclick: () => this.goTo(name) },
        h('span', { className: 'step-number' }, String(i + 1)),
        h('span', { className: 'step-label' }, tr(STEP_TITLES[name])),
        h('span', { className: 'step-done' }),
      );
      this.#nav.set(name, button);
      return h('li', {}, button);
    });
    return h('nav', { 'aria-label': tr('ui.wizard.stepsLabel') }, h('ol', { className: 'steps' }, ...items));
  }

  #render(view: WizardView): void {
    this.#view = view;
    if (!this.#root.querySelector('nav')) return;
    if (view.draftVersion > this.local.basedOn) {
      Object.assign(this.local, {
        url: view.draft.url,
        fullUrl: view.draft.fullUrl,
        modelId: view.draft.modelId,
        moreModels: [...(view.draft.moreModels ?? [])],
        basedOn: view.draftVersion,
      });
    }
    for (const s of view.nav) {
      const button = this.#nav.get(s.name)!;
      button.disabled = !s.reachable;
      if (s.name === view.step) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
      const done = button.querySelector('.step-done')!;
      if (s.done !== done.hasChildNodes())
        replaceChildren(
          done,
          ...(s.done ? [icon('pass'), h('span', { className: 'visually-hidden' }, tr('ui.wizard.stepDone'))] : []),
        );
    }
    this.#renderBanners(view);
    if (this.#step?.name !== view.step) {
      const module = MOUNT[view.step](this);
      this.#step = { name: view.step, module };
      this.#failure.hidden = true;
      replaceChildren(this.#stepArea, module.element);
      module.update(view, this.#models);
      document.getElementById('step-title')?.focus();
      return;
    }
    this.#step.module.update(view, this.#models);
  }

  #setModels(list: ModelListView): void {
    this.#models = list;
    if (this.#view) this.#step?.module.update(this.#view, list);
  }

  #bannerSignature = '';

  #renderBanners(view: WizardView): void {
    const signature = JSON.stringify([view.dirty, view.notices]);
    if (signature === this.#bannerSignature) return;
    this.#bannerSignature = signature;
    const dirty = view.dirty;
    replaceChildren(
      this.#banner,
      dirty &&
        h(
          'div',
          { className: 'banner info', id: 'dirty-banner' },
          icon('info'),
          h(
            'p',
            {},
            dirty.moreModels
              ? tr('ui.wizard.dirtyMany', { url: dirty.url, models: [dirty.modelId, ...dirty.moreModels].join(', ') })
              : tr('ui.wizard.dirty', { url: dirty.url, model: dirty.modelId }),
          ),
          h(
            'button',
            {
              type: 'button',
              className: 'secondary',
              onclick: () => this.act('discardDraft', {}),
            },
            tr('ui.wizard.discard'),
          ),
        ),
      ...view.notices.map((n) =>
        h(
          'div',
          { className: `banner ${n.severity}`, 'data-notice': n.id },
          icon(n.severity === 'error' ? 'error' : n.severity === 'warning' ? 'warning' : 'info'),
          h('p', {}, n.text),
          h(
            'button',
            {
              type: 'button',
              className: 'link',
              'aria-label': tr('ui.wizard.dismissNotice', { notice: n.text.slice(0, 60) }),
              onclick: () => this.rpc.send('dismissNotice', { id: n.id }),
            },
            tr('ui.wizard.dismiss'),
          ),
        ),
      ),
    );
    const newest = view.notices[0];
    if (newest) announce(newest.text);
  }

  #showProblem(): void {
    this.#failure.hidden = false;
    setText(this.#failure, `${tr('ui.wizard.protocolProblem.cause')} ${tr('ui.wizard.protocolProblem.fix')}`);
  }
}
