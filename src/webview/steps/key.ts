// Step 2, Pool API key: the key rules as you type (in the page: the key is not sent while typed), then
// stored in the editor's secret storage and checked live with a free model list. A key typed but not
// saved is never silently dropped: Next saves it first, or says why it cannot.
import { analyzeKey } from '../../core/secrets/poolKey';
import { LIMITS } from '../../wizard/protocol/limits';
import type { WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { RequestFailed } from '../rpc';
import { h, icon, replaceChildren } from '../dom';
import { say, tr } from '../strings';
import { Actions, announce, ProblemList, problemItem, setText } from '../ui';
import { checkLine, isReachable, stepTitle } from './common';

export function mountKey(ctx: AppContext): StepModule {
  const stored = h('p', { className: 'stored', id: 'key-stored' });
  const check = h('div', { id: 'key-check-line' });
  const problems = new ProblemList(ctx, 'key-problems');
  const storeProblem = h('ul', { className: 'findings' });
  const input = h('input', {
    id: 'key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'key-rules',
    placeholder: 'sk-cxp-…',
    maxlength: LIMITS.pastedKey,
  });
  const rules = h('ul', { id: 'key-rules', className: 'findings' });
  const show = h('input', { id: 'show-key', type: 'checkbox' });
  const save = h(
    'button',
    { type: 'button', className: 'primary', id: 'save-key', disabled: true },
    tr('ui.wizard.key.save'),
  );
  const replace = h(
    'button',
    { type: 'button', className: 'secondary', id: 'replace-key' },
    tr('ui.wizard.key.replace'),
  );
  const keep = h('button', { type: 'button', className: 'secondary', id: 'keep-key' }, tr('ui.wizard.key.keep'));
  const retry = h('button', { type: 'button', className: 'secondary', id: 'retry-key-store' }, tr('ui.wizard.retry'));
  const pendingText = h('p', { className: 'cause' });
  const pendingFix = h('p', { className: 'fix' });
  const pending = h(
    'div',
    { className: 'banner warning', id: 'key-pending', role: 'alert' },
    icon('warning'),
    h(
      'div',
      {},
      pendingText,
      pendingFix,
      h(
        'div',
        { className: 'actions' },
        // The safe choice first: the working key stays; storing the new one is the risk.
        h(
          'button',
          { type: 'button', className: 'secondary', id: 'keep-working-key', onclick: () => void keepWorking() },
          tr('ui.wizard.key.keepWorking'),
        ),
        h(
          'button',
          { type: 'button', className: 'secondary', id: 'store-anyway', onclick: () => void storeAnyway() },
          tr('ui.wizard.key.storeAnyway'),
        ),
      ),
    ),
  );
  const entry = h(
    'div',
    { className: 'key-entry' },
    h('label', { for: 'key' }, tr('ui.wizard.key.label')),
    input,
    h('div', { className: 'switch-row' }, show, h('label', { for: 'show-key' }, tr('ui.wizard.key.show'))),
    rules,
    h('div', { className: 'actions' }, save, keep),
  );
  const actions = new Actions(ctx, 'url', { label: 'ui.wizard.next', run: () => void next() });
  let candidate: string | undefined;
  let replacing = false;
  let view: WizardView | undefined;

  function typed(): void {
    const value = input.value;
    const analysis = analyzeKey(value);
    candidate = analysis.ok ? analysis.key : analysis.correction;
    save.disabled = candidate === undefined;
    setText(
      save,
      analysis.ok || candidate === undefined ? tr('ui.wizard.key.save') : tr('ui.wizard.key.saveCorrected'),
    );
    replaceChildren(
      rules,
      value === ''
        ? undefined
        : problemItem(
            { severity: analysis.ok ? 'info' : 'error', cause: say(analysis.cause), fix: say(analysis.fix) },
            ctx,
          ),
    );
    if (view) refresh(view);
  }

  /** Sends the key once; the field is cleared whatever the answer (the raw key leaves the page). */
  async function store(): Promise<boolean | undefined> {
    const value = candidate;
    if (value === undefined) return false;
    save.disabled = true;
    input.value = '';
    candidate = undefined;
    typed();
    try {
      const { verdict } = await ctx.rpc.request('storeKey', { key: value });
      return said(verdict);
    } catch (error) {
      ctx.showFailure(error);
      return false;
    } finally {
      if (view) refresh(view);
    }
  }

  /** Says what became of a key sent to the host; true: accepted, false: not (user stays), undefined: not known yet. */
  function said(verdict: 'accepted' | 'rejected' | 'unchecked' | 'kept'): boolean | undefined {
    // 'kept': the working key stays; the pending panel says why (announced when the view arrives).
    replacing = verdict === 'kept';
    if (verdict !== 'kept')
      announce(
        tr(
          verdict === 'accepted'
            ? 'ui.wizard.key.storedAccepted'
            : verdict === 'rejected'
              ? 'ui.wizard.key.storedRejected'
              : 'ui.wizard.key.storedUnchecked',
        ),
      );
    replaceChildren(storeProblem);
    return verdict === 'accepted' ? true : verdict === 'unchecked' ? undefined : false;
  }

  async function storeAnyway(): Promise<void> {
    try {
      said((await ctx.rpc.request('storePendingKey', {})).verdict);
    } catch (error) {
      ctx.showFailure(error);
    } finally {
      // The view may have come first: redraw, or the entry stays open ("Keep…") for a key now stored.
      if (view) refresh(view);
    }
  }

  /** The new key is forgotten; the step shows the working key again, with Replace to try once more. */
  async function keepWorking(): Promise<void> {
    try {
      await ctx.rpc.request('discardPendingKey', {});
      replacing = false;
      if (view) refresh(view);
      replace.focus();
    } catch (error) {
      ctx.showFailure(error);
    }
  }

  function next(): void {
    ctx.goTo('model');
  }

  /** A key typed but not saved is saved on the way out; what is not a key keeps the user here, with the reason. */
  async function beforeLeave(): Promise<boolean> {
    if (input.value === '') return true;
    if (candidate === undefined) {
      ctx.showFailure(new RequestFailed({ severity: 'error', cause: tr('ui.wizard.key.nextBlocked'), fix: '' }));
      input.focus();
      return false;
    }
    const accepted = await store();
    return accepted !== false;
  }

  input.addEventListener('input', typed);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && candidate !== undefined) void store();
  });
  show.addEventListener('change', () => (input.type = show.checked ? 'text' : 'password'));
  save.addEventListener('click', () => void store());
  replace.addEventListener('click', () => {
    replacing = true;
    if (view) refresh(view);
    input.focus();
  });
  keep.addEventListener('click', () => {
    replacing = false;
    input.value = '';
    typed();
    replace.focus();
  });
  retry.addEventListener('click', () => ctx.act('recheck', { what: 'key' }));

  function refresh(v: WizardView): void {
    const key = v.key;
    const hasKey = key.state === 'stored';
    stored.hidden = !hasKey;
    if (hasKey) replaceChildren(stored, icon('key'), ' ', tr('ui.wizard.key.storedAs', { masked: key.masked ?? '' }));
    // The key icon is green only once the pool accepted this key: red when it refused it, plain while unknown.
    stored.className = `stored ${hasKey ? key.verdict : 'unknown'}`;
    // A stored key the pool rejected is named so: "Keep the stored key" read as if it worked.
    const rejected = hasKey && key.verdict === 'rejected';
    setText(replace, tr(rejected ? 'ui.wizard.key.replaceRejected' : 'ui.wizard.key.replace'));
    setText(keep, tr(rejected ? 'ui.wizard.key.keepRejected' : 'ui.wizard.key.keep'));
    const showEntry = !hasKey || replacing;
    entry.hidden = !showEntry || key.state === 'unavailable';
    keep.hidden = !hasKey;
    replace.hidden = !hasKey || replacing;
    retry.hidden = key.state !== 'unavailable';
    replaceChildren(storeProblem, key.problem && problemItem(key.problem, ctx));
    pending.hidden = !key.pending;
    setText(pendingText, key.pending?.text ?? '');
    setText(pendingFix, key.pending?.fix ?? '');
    check.hidden = !hasKey;
    checkLine(
      check,
      key.check.status,
      key.check.ok,
      key.check.summary,
      'ui.wizard.key.checking',
      'ui.wizard.key.waiting',
    );
    problems.update(hasKey ? key.check.problems : []);
    const value = input.value;
    const reachable = isReachable(v, 'model');
    if (value !== '') {
      actions.set(
        candidate !== undefined,
        candidate !== undefined ? tr('ui.wizard.key.nextSaves') : tr('ui.wizard.key.nextBlocked'),
      );
      if (actions.next)
        setText(actions.next, tr(candidate !== undefined ? 'ui.wizard.key.saveAndContinue' : 'ui.wizard.next'));
    } else {
      actions.set(reachable, reachable ? '' : tr(hasKey ? 'ui.wizard.key.nextHintChecking' : 'ui.wizard.key.nextHint'));
      if (actions.next) setText(actions.next, tr('ui.wizard.next'));
    }
  }

  const element = h(
    'div',
    {},
    stepTitle('key'),
    h('p', {}, tr('ui.wizard.key.intro')),
    storeProblem,
    retry,
    stored,
    check,
    problems.element,
    pending,
    replace,
    entry,
    actions.element,
  );
  return {
    element,
    update(v) {
      view = v;
      refresh(v);
    },
    beforeLeave,
  };
}
