// The browser side of the setup wizard. It renders the host's state (the host checks the URL as the
// user types and renders every finding), runs the key rules locally so the key is not sent while
// being typed, and sends only typed protocol messages. The key is sent once (storeKey), then the
// field is cleared; the host never sends it back.
import './wizard.css';
import { LOCAL_DEFAULT_URL } from '../core/endpoint';
import { fillTemplate, type MessageId, type Msg } from '../core/messages';
import { analyzeKey } from '../core/poolKey';
import { TO_WEBVIEW, parseMessage, type CopyTarget, type ProblemView, type Step, type ToHost, type WizardState } from '../wizard/protocol';
import { h, icon, replaceChildren, type Child, type IconName } from './dom';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; setState(state: unknown): void };
const vscode = acquireVsCodeApi();
const strings: Record<string, string> = {};

let state: WizardState | undefined;
let mountedStep: Step | undefined;
let update: (() => void) | undefined;
let nextRequestId = 1;
const pending = new Map<number, (ok: boolean, problem?: ProblemView) => void>();
// What the user is typing: the webview is the only writer of these after init.
const local = { url: '', fullUrl: false, model: '' };
let draftTimer: ReturnType<typeof setTimeout> | undefined;

function tr(id: MessageId, args?: Record<string, string | number>): string {
  return fillTemplate(strings[id] ?? id, args);
}

function say(m: Msg): string {
  return tr(m.id, m.args);
}

function send(message: ToHost): void {
  vscode.postMessage(message);
}

function request(build: (requestId: number) => ToHost): Promise<{ ok: boolean; problem?: ProblemView }> {
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    pending.set(requestId, (ok, problem) => resolve(problem ? { ok, problem } : { ok }));
    send(build(requestId));
  });
}

function sendDraftSoon(): void {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(flushDraft, 120);
}

function flushDraft(): void {
  clearTimeout(draftTimer);
  draftTimer = undefined;
  send({ type: 'draft', url: local.url, fullUrl: local.fullUrl, model: local.model });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseMessage(TO_WEBVIEW, event.data);
  if (!message) {
    console.warn('Codex Pooler wizard: ignored a malformed message');
    return;
  }
  if (message.type === 'reply') {
    pending.get(message.requestId)?.(message.ok, message.problem);
    pending.delete(message.requestId);
    return;
  }
  if (message.type === 'init') {
    for (const [id, template] of message.strings) if (id !== undefined && template !== undefined) strings[id] = template;
    Object.assign(local, { url: message.state.url, fullUrl: message.state.fullUrl, model: message.state.model });
  }
  state = message.state;
  // Kept by the editor with the panel: after a restart it tells the host which step was open.
  vscode.setState({ step: state.step });
  render();
});

send({ type: 'ready' });

// ---------------------------------------------------------------- layout

const STEP_TITLES: Record<Step, MessageId> = {
  1: 'ui.wizard.step1',
  2: 'ui.wizard.step2',
  3: 'ui.wizard.step3',
  4: 'ui.wizard.step4',
  5: 'ui.wizard.step5',
  6: 'ui.wizard.step6',
};

function render(): void {
  const s = state;
  if (!s) return;
  const app = document.getElementById('app')!;
  app.removeAttribute('aria-busy');
  if (mountedStep !== s.step || !update) {
    mountedStep = s.step;
    const panel = h('section', { className: 'step', 'aria-labelledby': 'step-title' });
    replaceChildren(app, header(), stepNav(s), panel, h('div', { id: 'announcer', className: 'visually-hidden', 'aria-live': 'polite' }));
    update = mountStep(s.step, panel);
    update();
    document.getElementById('step-title')?.focus();
    return;
  }
  const nav = app.querySelector('nav');
  if (nav) nav.replaceWith(stepNav(s));
  update();
}

function header(): HTMLElement {
  return h('header', {}, h('h1', {}, tr('ui.wizard.title')), h('p', { className: 'muted' }, tr('ui.wizard.subtitle')));
}

function stepNav(s: WizardState): HTMLElement {
  const furthest = s.furthest;
  const items = ([1, 2, 3, 4, 5, 6] as Step[]).map((step) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          className: 'step-link',
          'aria-current': step === s.step ? 'step' : undefined,
          disabled: step > furthest,
          onclick: () => goTo(step),
        },
        h('span', { className: 'step-number' }, String(step)),
        tr(STEP_TITLES[step]),
      ),
    ),
  );
  return h('nav', { 'aria-label': tr('ui.wizard.stepsLabel') }, h('ol', { className: 'steps' }, ...items));
}

function goTo(step: Step): void {
  flushDraft();
  send({ type: 'goTo', step });
}

function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (region) region.textContent = text;
}

function title(step: Step): HTMLElement {
  return h('h2', { id: 'step-title', tabindex: -1 }, `${step}. ${tr(STEP_TITLES[step])}`);
}

function actions(step: Step, next: { label: MessageId; enabled: boolean; run: () => void } | undefined): HTMLElement {
  return h(
    'div',
    { className: 'actions' },
    step > 1 && h('button', { type: 'button', className: 'secondary', onclick: () => goTo((step - 1) as Step) }, tr('ui.wizard.back')),
    next && h('button', { type: 'button', className: 'primary', id: 'next', disabled: !next.enabled, onclick: next.run }, tr(next.label)),
  );
}

const SEVERITY_ICON: Record<string, IconName> = { error: 'error', warning: 'warning', info: 'info' };

function problemItem(p: ProblemView, ...extra: Child[]): HTMLElement {
  return h(
    'li',
    { className: `finding ${p.severity}` },
    icon(SEVERITY_ICON[p.severity] ?? 'info'),
    h(
      'div',
      {},
      h('p', { className: 'cause' }, h('span', { className: 'visually-hidden' }, `${tr(`ui.wizard.severity.${p.severity}` as MessageId)}: `), p.cause),
      h('p', { className: 'fix' }, p.fix),
      p.goTo !== undefined && h('button', { type: 'button', className: 'link', onclick: () => goTo(p.goTo as Step) }, tr('ui.wizard.goToStep', { step: tr(STEP_TITLES[p.goTo as Step]) })),
      ...extra,
    ),
  );
}

function problemList(problems: readonly ProblemView[]): HTMLElement {
  return h('ul', { className: 'findings' }, ...problems.map((p) => problemItem(p)));
}

function mountStep(step: Step, panel: HTMLElement): () => void {
  switch (step) {
    case 1:
      return mountUrl(panel);
    case 2:
      return mountKey(panel);
    case 3:
      return mountModel(panel);
    case 4:
      return mountTest(panel);
    case 5:
      return mountTrae(panel);
    case 6:
      return mountChat(panel);
  }
}

// ---------------------------------------------------------------- 1. Pool URL

function mountUrl(panel: HTMLElement): () => void {
  const input = h('input', { id: 'url', type: 'text', inputmode: 'url', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'url-help url-findings', placeholder: LOCAL_DEFAULT_URL });
  input.value = local.url;
  const fullUrl = h('input', { id: 'full-url', type: 'checkbox', role: 'switch', 'aria-describedby': 'full-url-help' });
  fullUrl.checked = local.fullUrl;
  const findings = h('ul', { id: 'url-findings', className: 'findings', 'aria-live': 'polite' });
  const calls = h('p', { className: 'calls' });
  const useDefault = h('button', { type: 'button', className: 'secondary', onclick: () => setUrl(LOCAL_DEFAULT_URL, false) }, tr('ui.wizard.url.useDefault', { url: LOCAL_DEFAULT_URL }));
  const nextArea = h('div');

  function setUrl(url: string, full: boolean): void {
    local.url = url;
    local.fullUrl = full;
    input.value = url;
    fullUrl.checked = full;
    sendDraftSoon();
    refresh();
    input.focus();
  }

  input.addEventListener('input', () => {
    local.url = input.value;
    sendDraftSoon();
    refresh();
  });
  fullUrl.addEventListener('change', () => {
    local.fullUrl = fullUrl.checked;
    sendDraftSoon();
    refresh();
  });

  panel.append(
    title(1),
    h('p', {}, tr('ui.wizard.url.intro')),
    h('label', { for: 'url' }, tr('ui.wizard.url.label')),
    input,
    h('p', { id: 'url-help', className: 'muted' }, tr('ui.wizard.url.help')),
    h('div', { className: 'switch-row' }, fullUrl, h('label', { for: 'full-url' }, tr('ui.wizard.url.fullUrl'))),
    h('p', { id: 'full-url-help', className: 'muted' }, tr('ui.wizard.url.fullUrlHelp')),
    useDefault,
    findings,
    calls,
    nextArea,
  );

  function refresh(): void {
    // The host's findings for what was typed; while a newer draft is on its way they may lag a moment.
    const check = state!.urlCheck;
    replaceChildren(
      findings,
      ...check.problems.map((p) =>
        problemItem(p, (p.corrections?.length ?? 0) > 0 && h('div', { className: 'fixes' }, ...p.corrections!.map((c) => h('button', { type: 'button', className: 'fix-button', onclick: () => setUrl(c.url, c.fullUrl) }, c.label)))),
      ),
    );
    const fixAll = check.fixAll;
    if (fixAll) findings.prepend(h('li', { className: 'fix-all' }, h('button', { type: 'button', className: 'primary', id: 'fix-all', onclick: () => setUrl(fixAll.url, fixAll.fullUrl) }, fixAll.label)));
    replaceChildren(calls, ...(check.traeCallUrl ? [tr('ui.wizard.url.traeCalls'), ' ', h('code', {}, check.traeCallUrl)] : []));
    useDefault.hidden = local.url.trim() === LOCAL_DEFAULT_URL && !local.fullUrl;
    const current = state!.url === local.url && state!.fullUrl === local.fullUrl;
    replaceChildren(nextArea, actions(1, { label: 'ui.wizard.next', enabled: check.ok && current, run: () => goTo(2) }));
  }
  return refresh;
}

// ---------------------------------------------------------------- 2. Pool API key

function mountKey(panel: HTMLElement): () => void {
  const body = h('div');
  panel.append(title(2), h('p', {}, tr('ui.wizard.key.intro')), body);
  let replacing = false;

  function entry(): HTMLElement {
    const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'key-check', placeholder: 'sk-cxp-…' });
    const check = h('ul', { id: 'key-check', className: 'findings', 'aria-live': 'polite' });
    const save = h('button', { type: 'button', className: 'primary', id: 'save-key', disabled: true }, tr('ui.wizard.key.save'));
    const show = h('input', { id: 'show-key', type: 'checkbox' });
    show.addEventListener('change', () => (input.type = show.checked ? 'text' : 'password'));
    let candidate: string | undefined;
    input.addEventListener('input', () => {
      const analysis = analyzeKey(input.value);
      candidate = analysis.ok ? analysis.key : analysis.correction;
      save.disabled = candidate === undefined;
      save.textContent = analysis.ok || candidate === undefined ? tr('ui.wizard.key.save') : tr('ui.wizard.key.saveCorrected');
      replaceChildren(check, input.value === '' ? undefined : problemItem({ severity: analysis.ok ? 'info' : 'error', cause: say(analysis.cause), fix: say(analysis.fix) }));
    });
    save.addEventListener('click', async () => {
      if (candidate === undefined) return;
      save.disabled = true;
      const reply = await request((requestId) => ({ type: 'storeKey', requestId, key: candidate! }));
      // The raw key leaves the page: the field is cleared whatever the answer.
      input.value = '';
      candidate = undefined;
      if (reply.ok) {
        replacing = false;
        announce(tr('ui.wizard.key.stored'));
      } else if (reply.problem) {
        replaceChildren(check, problemItem(reply.problem));
      }
    });
    return h(
      'div',
      {},
      h('label', { for: 'key' }, tr('ui.wizard.key.label')),
      input,
      h('div', { className: 'switch-row' }, show, h('label', { for: 'show-key' }, tr('ui.wizard.key.show'))),
      check,
      h('div', { className: 'actions' }, save, replacing && h('button', { type: 'button', className: 'secondary', onclick: () => ((replacing = false), refresh()) }, tr('ui.wizard.key.keep'))),
    );
  }

  function refresh(): void {
    const s = state!;
    if (s.key.stored && !replacing) {
      replaceChildren(
        body,
        h('p', { className: 'stored', id: 'key-stored' }, icon('pass'), ' ', tr('ui.wizard.key.storedAs', { masked: s.key.masked ?? '' })),
        h('p', { className: 'muted' }, tr('ui.wizard.key.storedNote')),
        h('button', { type: 'button', className: 'secondary', id: 'replace-key', onclick: () => ((replacing = true), refresh(), document.getElementById('key')?.focus()) }, tr('ui.wizard.key.replace')),
        actions(2, { label: 'ui.wizard.next', enabled: true, run: () => goTo(3) }),
      );
    } else if (!body.querySelector('#key')) {
      replaceChildren(body, entry(), actions(2, { label: 'ui.wizard.next', enabled: s.key.stored, run: () => goTo(3) }));
    }
  }
  return refresh;
}

// ---------------------------------------------------------------- 3. Model

function mountModel(panel: HTMLElement): () => void {
  const listArea = h('div', { 'aria-live': 'polite' });
  const input = h('input', { id: 'model', type: 'text', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'model-check' });
  input.value = local.model;
  const check = h('p', { id: 'model-check', 'aria-live': 'polite' });
  const nextArea = h('div');
  input.addEventListener('input', () => {
    local.model = input.value;
    sendDraftSoon();
    refresh();
  });
  panel.append(
    title(3),
    h('p', {}, tr('ui.wizard.model.intro')),
    listArea,
    h('label', { for: 'model' }, tr('ui.wizard.model.label')),
    input,
    check,
    nextArea,
  );
  let renderedList = '';
  let fetchAsked = false;

  function choose(id: string): void {
    local.model = id;
    input.value = id;
    sendDraftSoon();
    refresh();
  }

  function refresh(): void {
    const s = state!;
    // Once per idle spell: the host answers "loading" at once, then the list.
    if (s.models.status !== 'idle') fetchAsked = false;
    else if (!fetchAsked) {
      fetchAsked = true;
      void request((requestId) => ({ type: 'fetchModels', requestId }));
    }
    const listKey = JSON.stringify([s.models.status, s.models.list.map((m) => m.id), s.models.problems.map((p) => p.cause)]);
    if (listKey !== renderedList) {
      renderedList = listKey;
      replaceChildren(listArea, modelList(s, choose));
    }
    for (const radio of listArea.querySelectorAll<HTMLInputElement>('input[type=radio]')) radio.checked = radio.value.toLowerCase() === local.model.trim().toLowerCase();
    const wanted = local.model.trim().toLowerCase();
    const listed = s.models.list.find((m) => m.id.toLowerCase() === wanted);
    const loaded = s.models.status === 'done' && s.models.list.length > 0;
    check.className = wanted === '' ? 'muted' : listed || !loaded ? 'ok' : 'warning';
    check.textContent =
      wanted === '' ? tr('ui.wizard.model.choose') : listed ? tr('ui.wizard.model.listed', { model: listed.id }) : loaded ? tr('ui.wizard.model.notListed', { models: s.models.list.slice(0, 5).map((m) => m.id).join(', ') }) : '';
    replaceChildren(nextArea, actions(3, { label: 'ui.wizard.next', enabled: wanted !== '' && (listed !== undefined || !loaded), run: () => goTo(4) }));
  }
  return refresh;
}

function modelList(s: WizardState, choose: (id: string) => void): Child {
  if (s.models.status === 'loading' || s.models.status === 'idle') return h('p', { role: 'status' }, tr('ui.wizard.model.loading'));
  if (s.models.status === 'error' || s.models.list.length === 0) {
    return h('div', {}, problemList(s.models.problems), h('button', { type: 'button', className: 'secondary', onclick: () => request((requestId) => ({ type: 'fetchModels', requestId })) }, tr('ui.wizard.retry')));
  }
  const options = s.models.list.map((m, i) =>
    h(
      'label',
      { className: 'model-option' },
      h('input', { type: 'radio', name: 'model', value: m.id, id: `model-${i}`, onchange: () => choose(m.id) }),
      h('span', { className: 'model-name' }, m.displayName),
      h('code', {}, m.id),
      h('span', { className: m.supportsImages ? 'badge' : 'badge muted' }, tr(m.supportsImages ? 'ui.wizard.model.images' : 'ui.wizard.model.textOnly')),
      m.contextLength !== undefined && h('span', { className: 'muted' }, tr('ui.wizard.model.context', { tokens: m.contextLength.toLocaleString() })),
    ),
  );
  return h('fieldset', { className: 'models' }, h('legend', {}, tr('ui.wizard.model.legend', { count: s.models.list.length })), ...options);
}

// ---------------------------------------------------------------- 4. Connection test

function mountTest(panel: HTMLElement): () => void {
  const body = h('div', { 'aria-live': 'polite' });
  const nextArea = h('div');
  const run = () => request((requestId) => ({ type: 'runTest', requestId }));
  panel.append(title(4), h('p', {}, tr('ui.wizard.test.intro')), body, nextArea);
  let rendered = '';

  function refresh(): void {
    const s = state!;
    const key = JSON.stringify(s.test);
    if (key !== rendered) {
      rendered = key;
      replaceChildren(body, testBody(s, run));
    }
    const report = s.test.report;
    replaceChildren(
      nextArea,
      actions(4, {
        label: 'ui.wizard.test.saveAndContinue',
        enabled: s.test.status === 'done' && report !== undefined && report.verdict !== 'error',
        run: async () => {
          const reply = await request((requestId) => ({ type: 'saveAndContinue', requestId }));
          if (reply.ok) announce(tr('ui.wizard.test.saved'));
        },
      }),
    );
  }
  return refresh;
}

const STEP_NAMES: Record<string, MessageId> = { url: 'ui.wizard.test.stepUrl', key: 'ui.wizard.test.stepKey', models: 'ui.wizard.test.stepModels', chat: 'ui.wizard.test.stepChat', usage: 'ui.wizard.test.stepUsage' };
const STATUS_ICONS: Record<string, IconName> = { pass: 'pass', warn: 'warning', fail: 'error', skipped: 'skipped' };

function testBody(s: WizardState, run: () => unknown): HTMLElement {
  if (s.test.status === 'running') {
    return h('div', {}, h('p', { role: 'status', className: 'running' }, tr('ui.wizard.test.running')), h('button', { type: 'button', className: 'secondary', onclick: () => send({ type: 'cancelTest' }) }, tr('ui.wizard.cancel')));
  }
  const report = s.test.report;
  if (!report) return h('div', {}, h('button', { type: 'button', className: 'primary', onclick: run }, tr('ui.wizard.test.run')));
  const verdictClass = report.verdict === 'ok' ? 'pass' : report.verdict === 'warning' ? 'warning' : 'error';
  const verdictText = tr(report.verdict === 'ok' ? 'ui.wizard.test.pass' : report.verdict === 'warning' ? 'ui.wizard.test.warn' : 'ui.wizard.test.fail');
  const rows = report.steps.map((step) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, tr(STEP_NAMES[step.id]!)),
      h('td', {}, icon(STATUS_ICONS[step.status]!), ' ', tr(`ui.wizard.test.status.${step.status}` as MessageId)),
      h('td', { className: 'num' }, step.durationMs ? tr('ui.wizard.test.ms', { ms: step.durationMs }) : '—'),
    ),
  );
  return h(
    'div',
    {},
    h('p', { className: `verdict ${verdictClass}`, id: 'verdict' }, icon(verdictClass === 'pass' ? 'pass' : verdictClass), ' ', verdictText, ' ', h('span', { className: 'muted' }, tr('ui.wizard.test.ms', { ms: report.durationMs }))),
    h('table', { className: 'steps-table' }, h('caption', { className: 'visually-hidden' }, tr('ui.wizard.test.stepsCaption')), h('tbody', {}, ...rows)),
    report.answer !== undefined && h('p', { id: 'answer' }, tr('ui.wizard.test.answer'), ' ', h('q', {}, report.answer || '∅')),
    report.servedModel !== undefined && h('p', {}, tr('ui.wizard.test.servedBy'), ' ', h('code', {}, report.servedModel)),
    report.problems.length > 0 && problemList(report.problems),
    h('button', { type: 'button', className: 'secondary', onclick: run }, tr('ui.wizard.test.again')),
  );
}

// ---------------------------------------------------------------- 5. Set up Trae

function copyButton(what: CopyTarget, label: string): HTMLElement {
  const button = h('button', { type: 'button', className: 'copy', 'aria-label': tr('ui.wizard.trae.copyField', { field: label }), title: tr('ui.wizard.trae.copyField', { field: label }), 'data-copy': what }, icon('copy'), h('span', {}, tr('ui.wizard.trae.copy')));
  button.addEventListener('click', async () => {
    const reply = await request((requestId) => ({ type: 'copy', requestId, what }));
    announce(reply.ok ? tr('ui.wizard.trae.copied', { field: label }) : tr('ui.wizard.trae.copyFailed'));
    button.classList.toggle('done', reply.ok);
  });
  return button;
}

function mountTrae(panel: HTMLElement): () => void {
  const body = h('div');
  panel.append(title(5), body);
  let rendered = '';
  return () => {
    const s = state!;
    const key = JSON.stringify([s.guide, s.key, s.language]);
    if (key === rendered) return;
    rendered = key;
    const guide = s.guide;
    if (!guide) {
      replaceChildren(body, h('p', {}, tr('ui.wizard.trae.incomplete')), actions(5, undefined));
      return;
    }
    const languageSwitch = h(
      'fieldset',
      { className: 'language' },
      h('legend', {}, tr('ui.wizard.trae.labels')),
      ...(['en', 'zh-cn'] as const).map((lang) =>
        h('label', {}, h('input', { type: 'radio', name: 'language', value: lang, checked: s.language === lang, onchange: () => send({ type: 'language', language: lang }) }), tr(lang === 'en' ? 'ui.wizard.trae.labelsEn' : 'ui.wizard.trae.labelsCn')),
      ),
    );
    const rows = guide.fields.map((f) =>
      h(
        'tr',
        { 'data-field': f.id },
        h('th', { scope: 'row' }, f.label),
        h('td', {}, fieldValue(f, s), h('div', { className: 'muted note' }, f.note)),
        h('td', {}, copyButton(f.id, f.label)),
      ),
    );
    const early = guide.steps.filter((g) => ['signIn', 'openModels', 'fillFields', 'save'].includes(g.id));
    replaceChildren(
      body,
      languageSwitch,
      h('ol', { className: 'guide' }, ...early.map((g) => h('li', {}, h('strong', {}, g.title), ' ', g.body))),
      h('table', { className: 'fields' }, h('caption', {}, tr('ui.wizard.trae.fieldsCaption')), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tr('ui.wizard.trae.field')), h('th', { scope: 'col' }, tr('ui.wizard.trae.value')), h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, tr('ui.wizard.trae.copy'))))), h('tbody', {}, ...rows)),
      h('div', { className: 'actions' }, copyButton('all', tr('ui.wizard.trae.all'))),
      h('h3', {}, tr('ui.wizard.trae.errorsTitle')),
      h('dl', { className: 'trae-errors' }, ...guide.errors.flatMap((e) => [h('dt', {}, h('code', {}, e.shown)), h('dd', {}, e.meaning, ' ', e.fix)])),
      actions(5, { label: 'ui.wizard.next', enabled: true, run: () => goTo(6) }),
    );
  };
}

function fieldValue(f: NonNullable<WizardState['guide']>['fields'][number], s: WizardState): HTMLElement {
  if (f.kind === 'secret') return h('span', { className: 'value' }, h('code', {}, s.key.masked ?? '—'), ' ', h('span', { className: 'muted' }, tr('ui.wizard.trae.keyStored')));
  if (f.kind === 'switch') {
    const on = f.on;
    return h('span', { className: `value toggle ${on ? 'on' : 'off'}`, role: 'img', 'aria-label': `${f.label}: ${f.value}` }, h('span', { className: 'knob', 'aria-hidden': 'true' }), f.value);
  }
  return h('code', { className: 'value' }, f.value);
}

// ---------------------------------------------------------------- 6. Choose it in chat

function mountChat(panel: HTMLElement): () => void {
  const body = h('div');
  panel.append(title(6), body);
  return () => {
    const s = state!;
    const late = s.guide?.steps.filter((g) => ['openPicker', 'autoModeOff', 'selectModel', 'sendTest'].includes(g.id)) ?? [];
    replaceChildren(
      body,
      h('ol', { className: 'guide' }, ...late.map((g) => h('li', {}, h('strong', {}, g.title), ' ', g.body))),
      s.saved && h('p', { className: 'stored' }, icon('pass'), ' ', tr('ui.wizard.chat.saved')),
      h(
        'div',
        { className: 'actions' },
        s.canOpenChat && h('button', { type: 'button', className: 'primary', onclick: () => send({ type: 'command', command: 'openChat' }) }, tr('ui.wizard.chat.open')),
        h('button', { type: 'button', className: 'secondary', onclick: () => send({ type: 'command', command: 'checkConnection' }) }, tr('ui.action.checkConnection')),
        h('button', { type: 'button', className: 'secondary', onclick: () => send({ type: 'command', command: 'close' }) }, tr('ui.wizard.chat.close')),
      ),
      actions(6, undefined),
    );
  };
}
