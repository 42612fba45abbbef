// Widgets the steps share: problem lists that change only when their content does, one polite live
// region that announces changes (never the same list again on every keystroke), copy buttons that say
// "Copied" on the button pressed, and the Back/Next row.
import type { MessageId } from '../core/text/messages';
import type { ProblemView } from '../wizard/protocol/protocolViews';
import { STEP_TITLES, type StepName } from '../wizard/protocol/steps';
import type { Navigator } from './stepContract';
import { h, icon, replaceChildren, type Child, type IconName } from './dom';
import { tr } from './strings';

const SEVERITY_ICON: Record<ProblemView['severity'], IconName> = { error: 'error', warning: 'warning', info: 'info' };

let announcer: HTMLElement | undefined;
let announceTimer: ReturnType<typeof setTimeout> | undefined;

export function createAnnouncer(): HTMLElement {
  announcer = h('div', {
    id: 'announcer',
    className: 'visually-hidden',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  return announcer;
}

/** Says a text once, after typing pauses; saying the same text again is announced again. */
export function announce(text: string, delayMs = 0): void {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    if (!announcer) return;
    announcer.textContent = '';
    setTimeout(() => announcer && (announcer.textContent = text), 30);
  }, delayMs);
}

export function problemItem(p: ProblemView, ctx: Navigator, ...extra: Child[]): HTMLElement {
  return h(
    'li',
    { className: `finding ${p.severity}` },
    icon(SEVERITY_ICON[p.severity]),
    h(
      'div',
      {},
      h(
        'p',
        { className: 'cause' },
        h('span', { className: 'visually-hidden' }, `${tr(`ui.wizard.severity.${p.severity}`)}: `),
        p.cause,
      ),
      p.fix !== '' && h('p', { className: 'fix' }, p.fix),
      p.goTo !== undefined &&
        h(
          'button',
          { type: 'button', className: 'link', onclick: () => ctx.goTo(p.goTo!) },
          tr('ui.wizard.goToStep', { step: tr(STEP_TITLES[p.goTo]) }),
        ),
      ...extra,
    ),
  );
}

/**
 * A list of problems that is rebuilt only when its content changes; a change is announced (after a
 * pause, so typing does not flood the screen reader), an unchanged list is left alone.
 */
export class ProblemList {
  readonly element = h('ul', { className: 'findings' });
  #signature = '';

  constructor(
    private readonly ctx: Navigator,
    id?: string,
  ) {
    if (id) this.element.id = id;
  }

  update(problems: readonly ProblemView[], extra: (p: ProblemView) => Child[] = () => []): void {
    const signature = JSON.stringify(problems);
    if (signature === this.#signature) return;
    this.#signature = signature;
    replaceChildren(this.element, ...problems.map((p) => problemItem(p, this.ctx, ...extra(p))));
    const first = problems.find((p) => p.severity !== 'info') ?? problems[0];
    if (first) announce(`${tr(`ui.wizard.severity.${first.severity}`)}: ${first.cause}`, 700);
  }
}

/** Sets an element's text only when it differs (no needless DOM churn or re-announcement). */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * A button that copies: it says "Copied" for a moment on itself (and to screen readers), or why
 * nothing was copied. `label` is what it copies, for its accessible name (and tooltip) unless `name` gives one.
 */
export function copyButton(
  label: string,
  copy: () => Promise<void>,
  options: { text?: string; id?: string; name?: string } = {},
): HTMLButtonElement {
  const caption = options.text ?? tr('ui.wizard.trae.copy');
  const name = options.name ?? options.text ?? tr('ui.wizard.trae.copyField', { field: label });
  const textNode = h('span', {}, caption);
  const button = h(
    'button',
    { type: 'button', className: 'copy', 'aria-label': name, title: name, ...(options.id ? { id: options.id } : {}) },
    icon('copy'),
    textNode,
  );
  let reset: ReturnType<typeof setTimeout> | undefined;
  const onClick = async (): Promise<void> => {
    clearTimeout(reset);
    let said: string;
    try {
      await copy();
      said = tr('ui.wizard.trae.copied', { field: label });
      textNode.textContent = tr('ui.wizard.copied');
      button.classList.add('done');
      button.setAttribute('aria-label', said);
    } catch (error) {
      said = error instanceof Error && error.message ? error.message : tr('ui.wizard.trae.copyFailed');
      textNode.textContent = tr('ui.wizard.trae.copyFailed');
      button.classList.add('failed');
    }
    announce(said);
    reset = setTimeout(() => {
      textNode.textContent = caption;
      button.classList.remove('done', 'failed');
      button.setAttribute('aria-label', name);
    }, 2000);
  };
  button.addEventListener('click', () => void onClick());
  return button;
}

/** Back / Next: Next is disabled (with the reason next to it) until the host says the step is reachable. */
export class Actions {
  readonly element: HTMLElement;
  readonly next: HTMLButtonElement | undefined;
  readonly #hint = h('p', { className: 'muted hint' });
  /** What Next does now (a step may change it, e.g. "Save and continue" or "Continue"). */
  run: () => void = () => undefined;

  constructor(ctx: Navigator, back: StepName | undefined, next: { label: MessageId; run: () => void } | undefined) {
    if (next) this.run = next.run;
    this.next =
      next &&
      h('button', { type: 'button', className: 'primary', id: 'next', onclick: () => this.run() }, tr(next.label));
    this.element = h(
      'div',
      { className: 'actions-block' },
      h(
        'div',
        { className: 'actions' },
        back &&
          h('button', { type: 'button', className: 'secondary', onclick: () => ctx.goTo(back) }, tr('ui.wizard.back')),
        this.next,
      ),
      this.#hint,
    );
  }

  /** enabled: whether Next works now; hint: why not (or what it will do). */
  set(enabled: boolean, hint = ''): void {
    if (this.next) this.next.disabled = !enabled;
    setText(this.#hint, hint);
    this.#hint.hidden = hint === '';
  }
}
