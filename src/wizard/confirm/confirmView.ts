// The last step as the page sees it: the four things to do in Trae, the live line of what the pool's usage
// counter has seen (said exactly: a request with this key arrived, not which app sent it), the checklist
// when nothing arrives, and a confirmation that holds. Clamped to LIMITS. No `vscode`.
import { CHECK_PROMPT } from '../../core/pool/poolClient';
import { msg, type Msg } from '../../core/text/messages';
import { confirmGuide } from '../../core/trae/confirmGuide';
import type { TraeGuide } from '../../core/trae/traeGuide';
import type { ConfirmSnapshot } from './confirmStep';
import { LIMITS } from '../protocol/limits';
import type { WizardView } from '../protocol/protocolViews';
import type { WizardState } from '../state/state';
import { moreOf } from '../state/stateTypes';
import { clip, take, type Render } from '../protocol/clamp';

export interface ConfirmViewContext {
  readonly render: Render;
  /** "10:42:13" for a moment today (the line says when the request arrived). */
  readonly timeOfDay: (ms: number) => string;
  /** "Dec 2, 10:42" (when a confirmation was seen). */
  readonly dateTime: (ms: number) => string;
}

export function confirmView(
  state: WizardState,
  guide: TraeGuide | undefined,
  snapshot: ConfirmSnapshot,
  ctx: ConfirmViewContext,
): WizardView['confirm'] {
  const endpoint = state.analysis.endpoint;
  if (!guide || !endpoint) return undefined;
  const r = (m: Msg) => clip(ctx.render(m), LIMITS.text);
  // The pool counts usage per key, not per model: one confirmation covers every model of the setup.
  const models = 1 + moreOf(state.saved).length;
  const { instructions, checklist } = confirmGuide(guide, endpoint, models);
  const watch = snapshot.watch;
  return {
    phase: watch.phase,
    line: r(lineOf(snapshot, ctx)),
    ...(watch.phase === 'waiting' && watch.problem
      ? { problem: r(msg('ui.wizard.confirm.readFailed', { problem: watch.problem })) }
      : {}),
    proves: r(models > 1 ? msg('ui.wizard.confirm.provesSet', { count: models }) : msg('ui.wizard.confirm.proves')),
    instructions: take(instructions, LIMITS.guideInstructions).map((s) => ({
      id: s.id,
      title: r(s.title),
      body: r(s.body),
    })),
    prompt: CHECK_PROMPT,
    ...(snapshot.checklist ? { checklist: take(checklist, LIMITS.guideInstructions).map(r) } : {}),
    ...(snapshot.confirmed
      ? { confirmed: r(msg('ui.wizard.confirm.confirmed', { when: ctx.dateTime(snapshot.confirmed.at) })) }
      : {}),
    canWatchAgain: watch.phase !== 'settling' && watch.phase !== 'waiting',
  };
}

function lineOf(snapshot: ConfirmSnapshot, ctx: ConfirmViewContext): Msg {
  const watch = snapshot.watch;
  switch (watch.phase) {
    case 'settling':
      return msg('ui.wizard.confirm.settling');
    case 'waiting':
      return msg('ui.wizard.confirm.waiting');
    case 'arrived': {
      const time = ctx.timeOfDay(watch.at);
      if (watch.requests === 1) return msg('ui.wizard.confirm.arrivedOne', { time, tokens: watch.tokens });
      return msg('ui.wizard.confirm.arrivedMany', { time, requests: watch.requests, tokens: watch.tokens });
    }
    case 'timedOut':
      return msg('ui.wizard.confirm.timedOut');
    case 'idle':
      return msg('ui.wizard.confirm.idle');
  }
}
