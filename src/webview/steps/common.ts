// Pieces several steps draw the same way: the step's title, a live check's line, Trae's instructions as a
// numbered list, and whether a step can be opened.
import type { MessageId } from '../../core/text/messages';
import type { GuideView, WizardView } from '../../wizard/protocol/protocolViews';
import { STEP_TITLES, type StepName } from '../../wizard/protocol/steps';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';

const NUMBERS: Record<StepName, number> = { url: 1, key: 2, model: 3, test: 4, trae: 5, confirm: 6 };

export function stepTitle(step: StepName): HTMLElement {
  return h('h2', { id: 'step-title', tabindex: -1 }, `${NUMBERS[step]}. ${tr(STEP_TITLES[step])}`);
}

/**
 * One line that says where a live check stands: running, passed (with its summary), failed (its
 * problems are listed below it), or not run yet (and why).
 */
export function checkLine(
  element: HTMLElement,
  status: 'idle' | 'running' | 'done',
  ok: boolean,
  summary: string | undefined,
  running: MessageId,
  idle: MessageId,
): void {
  const state = status === 'running' ? 'running' : status === 'done' ? (ok ? 'pass' : 'fail') : 'idle';
  const text =
    state === 'running'
      ? tr(running)
      : state === 'pass'
        ? (summary ?? '')
        : state === 'fail'
          ? tr('ui.wizard.check.failed')
          : tr(idle);
  const signature = `${state}|${text}`;
  if (element.dataset['signature'] === signature) return;
  element.dataset['signature'] = signature;
  element.className = `check-line ${state}`;
  replaceChildren(
    element,
    state === 'pass'
      ? icon('pass')
      : state === 'fail'
        ? icon('error')
        : state === 'running'
          ? h('span', { className: 'spinner', 'aria-hidden': 'true' })
          : icon('info'),
    ' ',
    text,
  );
}

/** Whether the host lets the user open this step now. */
export function isReachable(view: WizardView, step: StepName): boolean {
  return view.nav.some((s) => s.name === step && s.reachable);
}

/** What to do in Trae, in order, as a numbered list. */
export function instructionList(list: GuideView['beforeAdding'], id: string): HTMLElement {
  return h(
    'ol',
    { className: 'guide', id },
    ...list.map((g) => h('li', { 'data-guide-step': g.id }, h('strong', {}, g.title), ' ', g.body)),
  );
}
