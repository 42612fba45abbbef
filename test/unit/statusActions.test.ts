// A red bar next to "works", with no visible way to green (the defect): every state of the status bar that
// is not green offers, in its tooltip, the one action that clears it; a "works" notification shown while a
// Trae-shaped finding holds says why the bar stays red and offers that action first; the tooltip's text
// keeps its spaces, so it wraps between words. The editor is a small `vscode` fake (test/unit/fakes/vscode.ts).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CheckReport } from '../../src/core/check/checkReport';
import { diagnosis, type DiagnosisCode } from '../../src/core/check/diagnosis';
import { englishOf, renderMsg } from '../../src/core/text/messages';
import { markdownText } from '../../src/core/text/markdownText';
import type { TraeCheckReport } from '../../src/core/check/traeShaped/traeCheck';
import type * as StatusBarModule from '../../src/editor/statusBar';
import type * as CommandsModule from '../../src/editor/commands';
import type { CheckService, PublishedCheck } from '../../src/services/checkService';
import { checkNotice } from '../../src/services/checkNotice';
import { Emitter } from '../../src/services/events';
import { clearingAction, statusIndicator, type StatusAction, type StatusInputs } from '../../src/services/statusModel';
import type { TraeFinding } from '../../src/services/traeFindings';
import { flush } from './fakes/async';
import { installVscode, type FakeEditor } from './fakes/vscode';
import { POOL_A, report } from './wizardFixtures';

const DRAFT = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
const SAVED = { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' };

function checkReport(kind: 'ok' | 'notSetUp' | DiagnosisCode, mode: 'background' | 'full' = 'background'): CheckReport {
  if (kind === 'ok') return report(DRAFT, { mode });
  if (kind === 'notSetUp') return { ...report(DRAFT, { verdict: 'error', codes: ['key-missing'] }), configured: false };
  const found = diagnosis(kind, 'models', kind);
  const base = report(DRAFT, { mode, ...(found.severity === 'error' ? { verdict: 'error' as const } : {}) });
  return { ...base, verdict: found.severity === 'error' ? 'error' : 'warning', diagnoses: [found] };
}

function finding(verdict: 'warning' | 'error'): TraeFinding {
  const found = diagnosis('second-turn-rejected', 'turn2', 'turn 2: HTTP 400', { severity: verdict });
  const traeReport: TraeCheckReport = {
    verdict,
    model: 'gpt-5.5',
    url: `${POOL_A}/chat/completions`,
    durationMs: 10,
    turns: [],
    diagnoses: [found],
  };
  return { report: traeReport, target: SAVED, keyFingerprint: undefined, finishedAt: 0 };
}

interface State {
  readonly name: string;
  readonly inputs: StatusInputs;
  readonly clears: StatusAction | undefined;
}

const published = (r: CheckReport): PublishedCheck => ({ sequence: 1, report: r, finishedAt: 0 });
const inputsOf = (last: CheckReport | undefined, extra: Partial<StatusInputs> = {}): StatusInputs => ({
  last: last && published(last),
  running: undefined,
  scheduleEnabled: true,
  finding: undefined,
  ...extra,
});

/** Every state the bar can show, and the one action that clears it (none for green, or while checking). */
const STATES: State[] = [
  { name: 'healthy', inputs: inputsOf(checkReport('ok')), clears: undefined },
  {
    name: 'checking (an explicit check runs)',
    inputs: inputsOf(undefined, { running: { mode: 'full' } }),
    clears: undefined,
  },
  { name: 'not set up', inputs: inputsOf(checkReport('notSetUp')), clears: 'openWizard' },
  {
    name: 'off (background checks off, none yet)',
    inputs: inputsOf(undefined, { scheduleEnabled: false }),
    clears: 'checkConnection',
  },
  {
    name: 'failing: the pool does not know the key',
    inputs: inputsOf(checkReport('api_key_missing')),
    clears: 'setApiKey',
  },
  {
    name: 'failing: the key is paused (the operator)',
    inputs: inputsOf(checkReport('api_key_disabled')),
    clears: 'checkConnection',
  },
  {
    name: 'failing: not a Codex Pooler URL',
    inputs: inputsOf(checkReport('unsupported_endpoint')),
    clears: 'openWizard',
  },
  {
    name: 'failing: a model the key may not use',
    inputs: inputsOf(checkReport('model_not_allowed')),
    clears: 'openWizard',
  },
  { name: 'failing: the proxy failed', inputs: inputsOf(checkReport('proxy-failed')), clears: 'openProxySettings' },
  {
    name: 'failing: no answer in time',
    inputs: inputsOf(checkReport('timeout-headers')),
    clears: 'openTimeoutSetting',
  },
  {
    name: 'failing: the secret storage',
    inputs: inputsOf(checkReport('key-store-unavailable')),
    clears: 'configureRuntimeArguments',
  },
  { name: 'failing: the key in a setting', inputs: inputsOf(checkReport('secret-in-setting')), clears: 'moveSecret' },
  { name: 'failing: quota used up', inputs: inputsOf(checkReport('quota_exhausted')), clears: 'checkConnection' },
  { name: 'degraded: quota nearly used', inputs: inputsOf(checkReport('limit-near')), clears: 'checkConnection' },
  {
    name: 'checks pass, a Trae-shaped error holds',
    inputs: inputsOf(checkReport('ok'), { finding: finding('error') }),
    clears: 'traeCheck',
  },
  {
    name: 'checks pass, a Trae-shaped warning holds',
    inputs: inputsOf(checkReport('ok'), { finding: finding('warning') }),
    clears: 'traeCheck',
  },
  {
    name: 'checks nearly out of quota, a Trae-shaped error makes it red',
    inputs: inputsOf(checkReport('limit-near'), { finding: finding('error') }),
    clears: 'traeCheck',
  },
  {
    name: 'checks fail and a Trae-shaped error holds: the checks first',
    inputs: inputsOf(checkReport('api_key_missing'), { finding: finding('error') }),
    clears: 'setApiKey',
  },
];

/** What each action's link runs (the settings links carry the setting). */
const LINKS: Record<StatusAction, RegExp> = {
  openWizard: /\(command:codexPooler\.openWizard\)/,
  setApiKey: /\(command:codexPooler\.setApiKey\)/,
  checkConnection: /\(command:codexPooler\.checkConnection\)/,
  traeCheck: /\(command:codexPooler\.traeCheck\)/,
  openProxySettings: /\(command:workbench\.action\.openSettings\?%5B%22http\.proxy%22%5D\)/,
  openTimeoutSetting: /\(command:workbench\.action\.openSettings\?%5B%22codexPooler\.requestTimeoutSeconds%22%5D\)/,
  configureRuntimeArguments: /\(command:workbench\.action\.configureRuntimeArguments\)/,
  moveSecret: /\(command:codexPooler\.moveSecretFromSettings\)/,
};

describe('the way to green: one action per state that is not green', () => {
  for (const state of STATES) {
    it(`${state.name} (${statusIndicator(state.inputs)}): ${state.clears ?? 'nothing to do'}`, () => {
      assert.equal(clearingAction(state.inputs), state.clears);
    });
  }

  it('every state that is not green (or checking) has one, whatever the checks and the finding say', () => {
    const codes: Array<'ok' | 'notSetUp' | DiagnosisCode> = [
      ...(['ok', 'notSetUp', 'api_key_missing', 'api_key_disabled', 'quota_exhausted', 'limit-near'] as const),
      ...(['answer-mismatch', 'proxy-failed', 'timeout-chat', 'key-store-unavailable', 'secret-in-setting'] as const),
    ];
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...codes), { nil: undefined }),
        fc.option(fc.constantFrom('warning' as const, 'error' as const), { nil: undefined }),
        fc.option(fc.constantFrom('background' as const, 'full' as const), { nil: undefined }),
        fc.boolean(),
        (code, trae, running, scheduleEnabled) => {
          const inputs = inputsOf(code && checkReport(code), {
            finding: trae && finding(trae),
            running: running && { mode: running },
            scheduleEnabled,
          });
          const shown = statusIndicator(inputs);
          const green = shown === 'healthy' || shown === 'checking';
          assert.equal(clearingAction(inputs) === undefined, green, `${shown}: ${String(clearingAction(inputs))}`);
        },
      ),
    );
  });
});

describe('the notification after Check Connection', () => {
  const works = checkReport('ok', 'full');

  it('works while a Trae-shaped finding holds: one sentence says why the bar stays red, and its check comes first', () => {
    const notice = checkNotice(works, finding('error'));
    assert.equal(notice.severity, 'info');
    assert.deepEqual(
      notice.text.map((m) => m.id),
      ['ui.check.ok', 'ui.check.traeHolds'],
    );
    const why = renderMsg(notice.text[1]!);
    assert.match(why, /^The status bar stays red because .*Trae-shaped check/);
    assert.equal(why.split(/[.!?](\s|$)/).filter((s) => s.trim() !== '').length, 1, 'one sentence');
    assert.equal(notice.actions[0], 'traeCheck');
    assert.equal(renderMsg(checkNotice(works, finding('warning')).text[1]!).includes('stays yellow'), true);
  });

  it('works with nothing holding: no word about the bar; the Trae-shaped check is offered, with its cost said', () => {
    const notice = checkNotice(works, undefined);
    assert.ok(!notice.text.some((m) => m.id === 'ui.check.traeHolds'));
    assert.deepEqual(notice.actions, ['traeCheck', 'openWizard', 'showLog']);
  });

  it('every notice that offers the Trae-shaped check says it uses a little quota (its button is too short to)', () => {
    const reports = [
      works,
      ...(['api_key_missing', 'limit-near', 'answer-mismatch', 'timeout-chat'] as const).map((c) =>
        checkReport(c, 'full'),
      ),
    ];
    for (const r of reports)
      for (const held of [undefined, finding('error'), finding('warning')]) {
        const notice = checkNotice(r, held);
        assert.ok(notice.actions.length <= 3, 'at most three buttons fit');
        if (notice.actions.includes('traeCheck'))
          assert.match(notice.text.map((m) => renderMsg(m)).join(' '), /uses a little quota/, notice.text[0]!.id);
      }
  });
});

describe('tooltip text: plain text as Markdown', () => {
  it('keeps its spaces (defect: appendText made them &nbsp; and the hover broke words: "came bac k")', () => {
    const text = 'The pool came back; Show Log has the details (1. [x] *y* <b> $(icon) &amp; #h)';
    const md = markdownText(text);
    assert.ok(!md.includes('&nbsp;') && !md.includes('\u00a0'));
    assert.equal(md.split(' ').length, text.split(' ').length, 'every space is still a space');
    assert.equal(md.replace(/\\([!-/:-@[-`{-~])/g, '$1'), text, 'unescaped, it is the text');
  });

  it('every punctuation character is escaped: nothing a pool sends becomes a link, HTML or an icon', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const md = markdownText(text);
        assert.ok(!/(^|[^\\])(\\\\)*[[\]()<>&$*_`#!|]/.test(md.replace(/\\[!-/:-@[-`{-~]/g, '')), md);
        assert.equal(md.replace(/\\([!-/:-@[-`{-~])/g, '$1'), text.replace(/\s*[\r\n]+\s*/g, ' '));
      }),
    );
  });
});

describe('the status bar tooltip and the notifications, in the editor (a vscode fake)', () => {
  let editor: FakeEditor;
  let uninstall: () => void;
  let StatusBarIndicator: typeof StatusBarModule.StatusBarIndicator;
  let commandHandlers: typeof CommandsModule.commandHandlers;

  before(() => {
    ({ editor, uninstall } = installVscode());
    ({ StatusBarIndicator } = require('../../src/editor/statusBar') as typeof StatusBarModule);
    ({ commandHandlers } = require('../../src/editor/commands') as typeof CommandsModule);
  });
  after(() => uninstall());

  function tooltipOf(inputs: StatusInputs, confirmedAt?: number): string {
    const never = new Emitter<void>().event;
    const checks = { last: inputs.last, running: inputs.running, onDidChange: never } as unknown as CheckService;
    const schedule = { nextAt: undefined, enabled: inputs.scheduleEnabled, onPlan: never };
    const focus = { focused: true, onDidChange: new Emitter<boolean>().event };
    const findings = { current: inputs.finding, onDidChange: never };
    const confirmed =
      confirmedAt === undefined
        ? undefined
        : { target: { baseUrl: POOL_A, fullUrl: false, model: 'gpt-5.5' }, keyFingerprint: 'f', at: confirmedAt };
    const confirmations = { current: confirmed, onDidChange: never };
    const tests = { lastOf: () => undefined, onDidChange: never };
    const bar = new StatusBarIndicator(checks, schedule, focus, findings, confirmations, tests, () => 60_000);
    const tooltip = bar.snapshot().tooltip;
    bar.dispose();
    return tooltip;
  }

  for (const state of STATES) {
    it(`${state.name}: ${state.clears ? 'its action, first and on its own line' : 'no action is singled out'}`, () => {
      const tooltip = tooltipOf(state.inputs);
      // The fake editor has no runtime arguments editor: Check Connection stands in for it.
      const clears = state.clears === 'configureRuntimeArguments' ? 'checkConnection' : state.clears;
      const first = /\$\(arrow-right\) \*\*\[([^\]]+)\]\((command:[^)]+)\)\*\*/.exec(tooltip);
      if (!clears) return assert.equal(first, null, tooltip);
      assert.ok(first, tooltip);
      assert.match(`(${first[2]})`, LINKS[clears]);
      assert.equal(tooltip.match(LINKS[clears])?.length, 1, 'offered once');
      assert.ok(!tooltip.includes('&nbsp;'), 'spaces stay spaces');
    });
  }

  it('a red or yellow bar: Trae\'s past confirmation is said as earlier, with no pass icon (defect: "$(pass) Trae confirmed")', () => {
    const at = Date.UTC(2026, 11, 5, 10, 7);
    const green = tooltipOf(inputsOf(checkReport('ok')), at);
    assert.match(green, /\$\(pass\) Trae confirmed on /, 'green: the confirmation holds with its tick');
    for (const code of ['api_key_disabled', 'unsupported_endpoint', 'quota_exhausted', 'limit-near'] as const) {
      const tooltip = tooltipOf(inputsOf(checkReport(code)), at);
      assert.ok(!tooltip.includes('$(pass)'), `${code}: no tick in a bar that is not green\n${tooltip}`);
      const text = tooltip.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      assert.match(text, /\$\(history\) Earlier, on .*, Trae was confirmed: .* reached the pool then\./, code);
    }
  });

  it('the finding, its reason to hold and its action read with whole words', () => {
    const tooltip = tooltipOf(inputsOf(checkReport('ok'), { finding: finding('error') }));
    const text = tooltip.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    assert.match(text, /This holds until a Trae-shaped check passes \(it uses a little quota\)/);
    assert.match(text, /\*\*\[Run Trae-Shaped Check\]\(command:codexPooler\.traeCheck\)\*\*/);
  });

  it('Check Connection works while a Trae-shaped finding holds: why the bar stays red, and its check first', async () => {
    const works = checkReport('ok', 'full');
    const held = finding('error');
    const checks = { checkModel: async () => ({ kind: 'report', report: works }) } as unknown as CheckService;
    const handlers = commandHandlers({
      checks,
      // One model saved: no quick pick, as before.
      settings: { read: () => ({ model: 'gpt-5.5', moreModels: [] }) },
      findings: { current: held },
      log: { error: () => undefined, show: () => undefined },
    } as unknown as Parameters<typeof commandHandlers>[0]);
    editor.notifications.length = 0;
    await handlers.checkConnection();
    await flush();
    const shown = editor.notifications.at(-1)!;
    assert.match(shown.text, /^Codex Pooler works: gpt-5\.5 answered "trae ok"/);
    assert.match(shown.text, /The status bar stays red because the last Trae-shaped check found/);
    assert.deepEqual(shown.buttons, [englishOf('ui.action.traeCheck'), englishOf('ui.action.showLog')]);
  });
});
