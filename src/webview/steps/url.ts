// Step 1, Pool URL: the URL rules as you type (with one-click fixes), the exact URL Trae will call, and
// a free live check that a Codex Pooler answers there (no key is sent for it).
import { LOCAL_DEFAULT_URL } from '../../core/url/endpoint';
import { LIMITS } from '../../wizard/protocol/limits';
import type { ProblemView, WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { h, replaceChildren } from '../dom';
import { tr } from '../strings';
import { Actions, ProblemList, setText } from '../ui';
import { checkLine, isReachable, stepTitle } from './common';
import { SecretGuard } from '../secretGuard';
import { linkBanner } from './linkBanner';

export function mountUrl(ctx: AppContext): StepModule {
  const input = h('input', {
    id: 'url',
    type: 'text',
    inputmode: 'url',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': 'url-help url-findings url-reach',
    placeholder: LOCAL_DEFAULT_URL,
    maxlength: LIMITS.url,
  });
  const fullUrl = h('input', { id: 'full-url', type: 'checkbox', role: 'switch', 'aria-describedby': 'full-url-help' });
  const findings = new ProblemList(ctx, 'url-findings');
  const fixAll = h('div', { className: 'fix-all' });
  const calls = h('p', { className: 'calls' });
  const reach = h('div', { id: 'url-reach', className: 'reach' });
  const reachProblems = new ProblemList(ctx);
  const guard = new SecretGuard(ctx, 'url');
  const link = linkBanner(ctx);
  const useDefault = h(
    'button',
    { type: 'button', className: 'secondary', onclick: () => setUrl(LOCAL_DEFAULT_URL, false) },
    tr('ui.wizard.url.useDefault', { url: LOCAL_DEFAULT_URL }),
  );
  const recheck = h(
    'button',
    {
      type: 'button',
      className: 'secondary',
      id: 'recheck-url',
      onclick: () => ctx.act('recheck', { what: 'url' }),
    },
    tr('ui.wizard.url.recheck'),
  );
  const actions = new Actions(ctx, undefined, { label: 'ui.wizard.next', run: () => ctx.goTo('key') });
  let shownVersion = -1;

  function setUrl(url: string, full: boolean): void {
    Object.assign(ctx.local, { url, fullUrl: full });
    input.value = url;
    guard.lastGood = url;
    fullUrl.checked = full;
    edited();
    input.focus();
  }

  let lastView: WizardView | undefined;
  // What the pool said belongs to the URL it was asked about: once the field holds another URL, the
  // old answer leaves the screen at once (not when the host's next view arrives).
  const edited = () => {
    ctx.draftChanged();
    if (lastView) update(lastView);
  };
  input.addEventListener('input', () => {
    // A key or token in this field stays in the page, masked, and never goes into the draft.
    if (guard.check(input)) {
      // The draft goes back to the URL before the key: "sk", typed on the way to it, does not stay there.
      if (ctx.local.url !== guard.lastGood) {
        ctx.local.url = guard.lastGood;
        edited();
      }
      return;
    }
    ctx.local.url = input.value;
    edited();
  });
  fullUrl.addEventListener('change', () => {
    ctx.local.fullUrl = fullUrl.checked;
    edited();
  });

  const element = h(
    'div',
    {},
    stepTitle('url'),
    h('p', {}, tr('ui.wizard.url.intro')),
    link.element,
    h('label', { for: 'url' }, tr('ui.wizard.url.label')),
    input,
    guard.element,
    h('p', { id: 'url-help', className: 'muted' }, tr('ui.wizard.url.help')),
    h('div', { className: 'switch-row' }, fullUrl, h('label', { for: 'full-url' }, tr('ui.wizard.url.fullUrl'))),
    h('p', { id: 'full-url-help', className: 'muted' }, tr('ui.wizard.url.fullUrlHelp')),
    useDefault,
    fixAll,
    findings.element,
    calls,
    h('h3', {}, tr('ui.wizard.url.reachTitle')),
    reach,
    reachProblems.element,
    recheck,
    actions.element,
  );

  function update(view: WizardView): void {
    lastView = view;
    if (shownVersion !== ctx.local.basedOn) {
      shownVersion = ctx.local.basedOn;
      input.value = ctx.local.url;
      guard.lastGood = ctx.local.url;
      fullUrl.checked = ctx.local.fullUrl;
    }
    const current = view.draft.url === ctx.local.url && view.draft.fullUrl === ctx.local.fullUrl;
    const u = view.url;
    link.update(view);
    const held = current && view.link?.held === true;
    // While the field holds a key, what the rules say about the URL before it would only distract.
    findings.update(guard.holding ? [] : u.findings, (p: ProblemView) =>
      p.corrections?.length
        ? [
            h(
              'div',
              { className: 'fixes' },
              ...p.corrections.map((c) =>
                h(
                  'button',
                  { type: 'button', className: 'fix-button', onclick: () => setUrl(c.url, c.fullUrl) },
                  c.label,
                ),
              ),
            ),
          ]
        : [],
    );
    const all = guard.holding ? undefined : u.fixAll;
    if (fixAll.dataset['url'] !== (all?.url ?? '')) {
      fixAll.dataset['url'] = all?.url ?? '';
      replaceChildren(
        fixAll,
        all &&
          h(
            'button',
            { type: 'button', className: 'primary', id: 'fix-all', onclick: () => setUrl(all.url, all.fullUrl) },
            all.label,
          ),
      );
    }
    if (calls.dataset['url'] !== (u.traeCallUrl ?? '')) {
      calls.dataset['url'] = u.traeCallUrl ?? '';
      replaceChildren(
        calls,
        ...(u.traeCallUrl ? [tr('ui.wizard.url.traeCalls'), ' ', h('code', {}, u.traeCallUrl)] : []),
      );
    }
    useDefault.hidden = ctx.local.url.trim() === LOCAL_DEFAULT_URL && !ctx.local.fullUrl;
    checkLine(
      reach,
      !current ? 'idle' : u.reach.status,
      u.reach.ok,
      u.reach.summary,
      'ui.wizard.url.reaching',
      u.findings.some((f) => f.severity === 'error')
        ? 'ui.wizard.url.fixFirst'
        : held
          ? 'ui.wizard.link.held'
          : 'ui.wizard.url.reachWaiting',
    );
    reachProblems.update(current ? u.reach.problems : []);
    recheck.hidden = !current || held || u.reach.status === 'running' || u.findings.some((f) => f.severity === 'error');
    const next = isReachable(view, 'key') && current;
    actions.set(next, next ? '' : tr('ui.wizard.url.nextHint'));
    setText(recheck, tr('ui.wizard.url.recheck'));
  }

  return { element, update };
}
