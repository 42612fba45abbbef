// The wizard's state as the webview sees it: one section per step, every message rendered in the user's
// language and every value clamped to LIMITS (long names get an ellipsis), so what the host builds always
// passes the schema the webview checks. Which check feeds which section follows STEP_CHECKS: `reach` the
// URL, `list` the key and the model, `test` and `trae` the test. No `vscode` here.
import type { InviteLinks } from '../../core/trae/setupLink';
import type { GuideLanguage, TraeGuide } from '../../core/trae/traeGuide';
import type { ConfirmSnapshot } from '../confirm/confirmStep';
import { confirmView, type ConfirmViewContext } from '../confirm/confirmView';
import { guidesFor, guideView } from './guideView';
import { cardsView } from './cardsView';
import { ageText } from '../../core/text/freshness';
import { suggestCorrection } from '../../core/url/endpoint';
import { keyVerdictOf } from '../../core/check/keyVerdict';
import { msg, type Msg } from '../../core/text/messages';
import { LIST_FRESH_MS, moreOf } from '../state/stateTypes';
import { moreNotOffered } from '../state/gates';
import type { CheckReport } from '../../core/check/checkReport';
import { modelKey } from '../../core/trae/modelSet';
import { LIMITS } from '../protocol/limits';
import type { WizardView } from '../protocol/protocolViews';
import { STEP_NAMES } from '../protocol/steps';
import type { WizardState } from '../state/state';
import type { CheckKind } from '../state/stateTypes';
import { linkSection } from '../link/linkView';
import type { ModelTestRow } from '../checks/everyModel';
import { everyModelView } from './everyModelView';
import { findingOf, problemsOf, reachProblems, reportOf, stepDone, turnLine } from './viewParts';
import { clip, take, type Render } from '../protocol/clamp';

export interface ViewContext extends ConfirmViewContext {
  readonly language: GuideLanguage;
  readonly traeCommands: { readonly openChat: boolean; readonly openTraeSettings: boolean };
  /** Trae's dialog for the draft, in the label language. */
  readonly guide: (state: WizardState) => TraeGuide | undefined;
  /** What the last step's watch has seen. */
  readonly confirm: ConfirmSnapshot;
  /** "Test every model": the rows for the inputs as they are now (none: not run for them). */
  readonly everyModel?: readonly ModelTestRow[];
  /** Wall-clock milliseconds (how old the model list is). */
  readonly now: number;
  /** The saved setup as setup links, for "Invite a teammate" (none when nothing usable is saved). */
  readonly invite?: InviteLinks;
  /** The saved pool's host when it is this computer (the invite says what that means for a teammate). */
  readonly inviteLocalHost?: string;
}

type CheckStatus = 'idle' | 'running' | 'done';

export function buildView(state: WizardState, ctx: ViewContext, listToken: number): WizardView {
  const r = (m: Msg) => clip(ctx.render(m), LIMITS.text);
  const status = (kind: CheckKind): CheckStatus =>
    state.checks.running(kind) ? 'running' : state.checks.current(kind) !== undefined ? 'done' : 'idle';
  const { draft, key } = state;
  const guide = state.reachable('trae') ? ctx.guide(state) : undefined;
  const confirm = guide && confirmView(state, guide, ctx.confirm, ctx);
  // Several models: one Add Model card each, with the ticks remembered for the saved setup.
  const ticked = state.added.ticked(state.saved);
  const models = guide && cardsView(guidesFor(state, ctx.language), ticked, ctx.render, moreNotOffered(state));
  return {
    step: state.step,
    nav: STEP_NAMES.map((name) => {
      const done = stepDone(state, name, ctx.confirm.confirmed !== undefined, models);
      // Step 1 is not done while its URL has a finding to fix (a warning lets the user go on, not pass).
      const clean = name !== 'url' || state.analysis.findings.every((f) => f.severity === 'info');
      return { name, reachable: state.reachable(name), done: done && clean };
    }),
    draftVersion: state.draftVersion,
    draft: {
      url: clip(draft.url, LIMITS.url),
      fullUrl: draft.fullUrl,
      modelId: clip(draft.modelId, LIMITS.id),
      ...idsOf('moreModels', moreOf(draft)),
    },
    // Only when there is a saved setup the status bar watches (a first setup has nothing to differ from).
    ...(state.dirty && state.saved.modelId !== ''
      ? {
          dirty: {
            url: clip(state.saved.url || '—', LIMITS.url),
            modelId: clip(state.saved.modelId || '—', LIMITS.id),
            ...idsOf('moreModels', moreOf(state.saved)),
          },
        }
      : {}),
    notices: take(state.notices, LIMITS.notices).map((n) => ({ id: n.id, severity: n.severity, text: r(n.message) })),
    language: ctx.language,
    url: urlSection(state, ctx.render, r, status('reach')),
    key: keySection(state, r, status('list')),
    model: modelSection(state, r, status('list'), listToken, ctx.now),
    test: testSection(state, ctx, r, status),
    ...(guide ? { guide: { ...guideView(guide, ctx.render), ...(models ? { models } : {}) } } : {}),
    ...(confirm ? { confirm } : {}),
    ...linkSection(state, r),
    ...(ctx.invite && confirm
      ? {
          invite: {
            thisEditor: clip(ctx.invite.thisEditor, LIMITS.url),
            trae: clip(ctx.invite.trae, LIMITS.url),
            traeCn: clip(ctx.invite.traeCn, LIMITS.url),
            ...(ctx.inviteLocalHost ? { local: r(msg('ui.wizard.invite.local', { host: ctx.inviteLocalHost })) } : {}),
          },
        }
      : {}),
    keyForTrae: key.kind === 'stored' ? 'stored' : 'missing',
    traeCommands: ctx.traeCommands,
  };
}

/** Step 1: the URL rules as findings (with one fix for several mistakes), the URL Trae calls, the live probe. */
function urlSection(state: WizardState, render: Render, r: Render, status: CheckStatus): WizardView['url'] {
  const analysis = state.analysis;
  const endpoint = analysis.endpoint;
  const reach = state.checks.current('reach');
  const fixable = analysis.findings.filter((f) => f.severity !== 'info' && f.corrections.length > 0);
  const fix = fixable.length > 1 ? suggestCorrection(analysis.input, analysis.fullUrl) : undefined;
  const fullUrl = fix && render(msg(fix.fullUrl ? 'ui.wizard.url.on' : 'ui.wizard.url.off'));
  return {
    findings: take(analysis.findings, LIMITS.problems).map((f) => findingOf(f, r)),
    ...(fix && fullUrl
      ? {
          fixAll: {
            url: clip(fix.url, LIMITS.url),
            fullUrl: fix.fullUrl,
            label: r(msg('ui.wizard.url.fixAll', { url: fix.url, fullUrl })),
          },
        }
      : {}),
    ...(endpoint ? { traeCallUrl: clip(endpoint.traeCallUrl, LIMITS.url) } : {}),
    reach: {
      status,
      ok: state.reachOk,
      ...(reach?.ok && endpoint
        ? { summary: r(msg('ui.wizard.url.reachOk', { host: endpoint.host, ms: reach.durationMs })) }
        : {}),
      problems: reachProblems(state, r),
    },
  };
}

/** What the model list found that is not about the URL and not the model's own match (said on step 3). */
function listProblems(state: WizardState) {
  const list = state.checks.current('list');
  // A further model's own finding is said on step 3 for the set as it is now (notOffered), not as it was.
  const own = new Set(['model-missing', 'model-not-listed', 'more-model-not-listed']);
  return list?.diagnoses.filter((d) => d.severity !== 'info' && !own.has(d.code) && d.step !== 'url') ?? [];
}

/** Step 2: the stored key (masked), the store's own failure, a new key kept waiting, the pool's verdict. */
function keySection(state: WizardState, r: Render, status: CheckStatus): WizardView['key'] {
  const { key } = state;
  const list = state.checks.current('list');
  const count = list?.facts.models?.length ?? 0;
  return {
    state: key.kind,
    ...(key.kind === 'stored' ? { masked: clip(key.masked, LIMITS.masked) } : {}),
    verdict: key.kind === 'stored' && list ? keyVerdictOf(list) : 'unknown',
    ...(key.kind === 'unavailable'
      ? {
          problem: {
            severity: 'error' as const,
            cause: r(msg('diag.keyStoreUnavailable.cause', { detail: key.detail })),
            fix: r(msg('diag.keyStoreUnavailable.fix')),
          },
        }
      : {}),
    ...pendingKeyView(state, r),
    check: {
      status,
      ok: state.listOk,
      ...(state.listOk
        ? { summary: r(count === 1 ? msg('ui.wizard.key.acceptedOne') : msg('ui.wizard.key.accepted', { count })) }
        : {}),
      problems: state.listOk ? [] : problemsOf(listProblems(state), 'key', r),
    },
  };
}

/** A new key that was not stored because the stored one works: what happened, and what the user may do. */
function pendingKeyView(state: WizardState, r: Render): Pick<WizardView['key'], 'pending'> {
  const pending = state.keys.pending;
  if (!pending) return {};
  const id = pending.verdict === 'rejected' ? 'key.kept.rejected' : 'key.kept.unknown';
  const said = r(msg(id, { candidate: pending.candidate, kept: pending.kept }));
  const text = pending.reason ? clip(`${said} ${r(pending.reason)}`, LIMITS.text) : said;
  return { pending: { text, fix: r(msg('key.kept.fix')) } };
}

/** Step 3: how the typed model id matches the pool's list (the list itself goes in its own message). */
function modelSection(
  state: WizardState,
  r: Render,
  status: CheckStatus,
  listToken: number,
  now: number,
): WizardView['model'] {
  const found = state.checks.found('list');
  const age = found ? now - found.at : 0;
  return {
    listStatus: status,
    listToken,
    // A list older than a minute says so (the wizard refreshes it on open; until then it is the old one).
    ...(found && age > LIST_FRESH_MS
      ? {
          listAge: r(
            msg(status === 'running' ? 'ui.wizard.model.listAgeRefreshing' : 'ui.wizard.model.listAge', {
              age: ageText(age),
            }),
          ),
        }
      : {}),
    match: state.modelMatch,
    ...modelSummary(state, r),
    ...idsOf('notOffered', moreNotOffered(state)),
    problems: problemsOf(
      listProblems(state).filter((d) => d.step !== 'key'),
      'model',
      r,
    ),
  };
}

function modelSummary(state: WizardState, r: Render): { summary?: string } {
  const wanted = state.draft.modelId.trim();
  const listed = state.checks.current('list')?.facts.models;
  if (wanted === '' || !listed) return {};
  const match = state.modelMatch;
  if (match === 'exact') return { summary: r(msg('ui.wizard.model.listed', { model: wanted })) };
  if (match === 'case') {
    const id = listed.find((m) => m.id.toLowerCase() === wanted.toLowerCase())?.id ?? wanted;
    return { summary: r(msg('ui.wizard.model.otherCase', { model: id, typed: wanted })) };
  }
  const models = listed
    .slice(0, 5)
    .map((m) => m.id)
    .join(', ');
  return { summary: r(msg('ui.wizard.model.notListed', { model: wanted, models })) };
}

/** Step 4: the chat test's report, the Trae-shaped check's turns, whether Save may write these values. */
function testSection(
  state: WizardState,
  ctx: ViewContext,
  r: Render,
  status: (kind: CheckKind) => CheckStatus,
): WizardView['test'] {
  const render = ctx.render;
  const test = state.checks.current('test');
  const trae = state.checks.current('trae');
  const every = everyModelView(state.draft, ctx.everyModel, r);
  return {
    status: status('test'),
    ...(test ? { report: reportOf(forTheSet(test, state), r) } : {}),
    trae: {
      status: status('trae'),
      ...(trae
        ? {
            report: {
              verdict: trae.verdict,
              durationMs: trae.durationMs,
              lines: take(trae.turns, LIMITS.traeLines).map((t) => clip(turnLine(t, render), LIMITS.text)),
              problems: problemsOf(trae.diagnoses, 'test', r),
              ...(every ? { model: clip(trae.model, LIMITS.id) } : {}),
            },
          }
        : {}),
    },
    ...(every ? { every } : {}),
    canSave: state.canSave,
    ...(!state.dirty && state.configReady && !test ? { savedNote: r(msg('ui.wizard.test.savedWorks')) } : {}),
  };
}

/** A list of model ids under `name`, clamped; nothing when empty (a one-model view is as before). */
function idsOf<N extends string>(name: N, ids: readonly string[]): { [K in N]?: string[] } {
  const shown = take(ids, LIMITS.moreModels).map((id) => clip(id, LIMITS.id));
  return (shown.length > 0 ? { [name]: shown } : {}) as { [K in N]?: string[] };
}

/** A report's findings about further models that are still in the set (one removed since is not said). */
function forTheSet(report: CheckReport, state: WizardState): CheckReport {
  const chosen = new Set(moreOf(state.draft).map(modelKey));
  const named = (d: CheckReport['diagnoses'][number]) => {
    const model = d.cause.args?.model;
    return typeof model === 'string' ? modelKey(model) : '';
  };
  const stillChosen = (d: CheckReport['diagnoses'][number]) =>
    d.code !== 'more-model-not-listed' || chosen.has(named(d));
  return { ...report, diagnoses: report.diagnoses.filter(stillChosen) };
}
