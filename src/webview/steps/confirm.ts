// Step 6, Confirm in Trae: the four things to do in Trae (add the model, Auto Mode off, pick it, send the
// message), the message with a Copy button, and one live line of what the pool's usage counter has seen.
// The line is updated in place (a screen reader hears each change once); the rest is redrawn only when
// it changed, so focus stays where it was. "Trae showed an error" brings the checklist and Trae's error
// codes at once. Buttons that open Trae's chat or settings appear only where this editor has them.
import type { EditorAction } from '../../wizard/protocol/protocol';
import type { WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { h, icon, replaceChildren, type IconName } from '../dom';
import { tr } from '../strings';
import { Actions, announce, copyButton, setText } from '../ui';
import { instructionList, stepTitle } from './common';
import { traeErrors } from './traeErrors';

type Confirm = NonNullable<WizardView['confirm']>;

const LINE_ICON: Record<Confirm['phase'], IconName | 'spinner'> = {
  idle: 'info',
  settling: 'spinner',
  waiting: 'spinner',
  arrived: 'pass',
  timedOut: 'warning',
};

export function mountConfirm(ctx: AppContext): StepModule {
  const line = h('p', { className: 'confirm-line', id: 'confirm-line', role: 'status' });
  const problem = h('p', { className: 'confirm-problem', id: 'confirm-problem', hidden: true });
  const confirmed = h('div', { className: 'confirmed', id: 'confirmed', hidden: true });
  const proves = h('p', { className: 'muted', id: 'confirm-proves' });
  const live = h('div', { className: 'confirm-live' }, line, problem, proves, confirmed);
  const controls = h('div', { className: 'actions', id: 'confirm-controls' });
  const body = h('div', { id: 'confirm-body' });
  const help = h('div', { id: 'confirm-help' });
  const invite = h('section', { className: 'invite', id: 'invite', 'aria-labelledby': 'invite-title', hidden: true });
  const finish = h('div', { className: 'actions', id: 'confirm-finish' });
  const actions = new Actions(ctx, 'trae', undefined);
  const drawn = { body: '', controls: '', help: '', invite: '', finish: '', confirmed: '' };
  const command = (action: EditorAction) => () => ctx.act('editorAction', { action });
  const changed = (part: keyof typeof drawn, value: unknown): boolean => {
    const signature = JSON.stringify(value);
    if (drawn[part] === signature) return false;
    drawn[part] = signature;
    return true;
  };

  return {
    element: h(
      'div',
      {},
      stepTitle('confirm'),
      h('p', {}, tr('ui.wizard.confirm.intro')),
      body,
      live,
      controls,
      help,
      invite,
      finish,
      actions.element,
    ),
    update(view: WizardView) {
      const confirm = view.confirm;
      // Closed (the steps before it no longer pass): one sentence, and nothing of what it showed when open.
      for (const part of [live, controls, help, finish]) part.hidden = !confirm;
      if (!confirm) {
        invite.hidden = true;
        for (const part of Object.keys(drawn) as (keyof typeof drawn)[]) drawn[part] = '';
        replaceChildren(body, h('p', {}, tr('ui.wizard.trae.incomplete')));
        return;
      }
      if (changed('body', [confirm.instructions, confirm.prompt])) drawBody(ctx, body, confirm);
      drawLine(line, confirm);
      live.className = `confirm-live ${confirm.phase}`;
      setText(proves, confirm.proves);
      problem.hidden = confirm.problem === undefined;
      if (problem.textContent !== (confirm.problem ?? ''))
        replaceChildren(problem, icon('warning'), ' ', confirm.problem ?? '');
      if (changed('confirmed', confirm.confirmed ?? null)) drawConfirmed(ctx, confirmed, confirm.confirmed);
      if (changed('controls', [confirm.canWatchAgain, view.traeCommands.openChat, confirm.checklist !== undefined])) {
        replaceChildren(
          controls,
          view.traeCommands.openChat &&
            h(
              'button',
              { type: 'button', className: 'primary', id: 'open-chat', onclick: command('openChat') },
              tr('ui.wizard.chat.open'),
            ),
          confirm.canWatchAgain &&
            h(
              'button',
              {
                type: 'button',
                className: 'secondary',
                id: 'watch-again',
                onclick: () => ctx.act('watchAgain', {}),
              },
              tr('ui.wizard.confirm.watchAgain'),
            ),
          confirm.checklist === undefined &&
            h(
              'button',
              {
                type: 'button',
                className: 'secondary',
                id: 'saw-error',
                onclick: () => ctx.rpc.send('sawTraeError', {}),
              },
              tr('ui.wizard.confirm.sawError'),
            ),
        );
      }
      if (changed('help', [confirm.checklist, view.guide?.errors])) drawHelp(ctx, help, confirm, view);
      if (changed('invite', view.invite ?? null)) drawInvite(ctx, invite, view.invite);
      if (changed('finish', view.traeCommands.openTraeSettings)) {
        replaceChildren(
          finish,
          view.traeCommands.openTraeSettings &&
            h(
              'button',
              {
                type: 'button',
                className: 'secondary',
                id: 'open-trae-settings',
                onclick: command('openTraeSettings'),
              },
              tr('ui.wizard.chat.openSettings'),
            ),
          h(
            'button',
            { type: 'button', className: 'secondary', id: 'check-connection', onclick: command('checkConnection') },
            tr('ui.action.checkConnection'),
          ),
          h(
            'button',
            { type: 'button', className: 'secondary', id: 'close-wizard', onclick: command('close') },
            tr('ui.wizard.chat.close'),
          ),
        );
      }
    },
  };
}

/** The instructions, then the message to send with its Copy button. */
function drawBody(ctx: AppContext, body: HTMLElement, confirm: Confirm): void {
  const focused = document.activeElement?.id;
  replaceChildren(
    body,
    instructionList(confirm.instructions, 'confirm-steps'),
    h(
      'div',
      { className: 'prompt-row' },
      h('span', { className: 'prompt-label', id: 'prompt-label' }, tr('ui.wizard.confirm.promptLabel')),
      h(
        'code',
        { className: 'value', id: 'test-prompt', 'aria-labelledby': 'prompt-label' },
        h('bdi', {}, confirm.prompt),
      ),
      copyButton(
        tr('ui.wizard.confirm.promptLabel'),
        () => ctx.rpc.request('copy', { what: 'testPrompt' }).then(() => undefined),
        { text: tr('ui.wizard.confirm.copyPrompt'), id: 'copy-prompt' },
      ),
    ),
  );
  if (focused) document.getElementById(focused)?.focus();
}

/** The live line: its icon says the phase, its text says exactly what was seen. */
function drawLine(line: HTMLElement, confirm: Confirm): void {
  const signature = `${confirm.phase}|${confirm.line}`;
  if (line.dataset['signature'] === signature) return;
  line.dataset['signature'] = signature;
  line.className = `confirm-line ${confirm.phase}`;
  line.dataset['phase'] = confirm.phase;
  const mark = LINE_ICON[confirm.phase];
  replaceChildren(
    line,
    mark === 'spinner' ? h('span', { className: 'spinner', 'aria-hidden': 'true' }) : icon(mark),
    ' ',
    h('span', {}, confirm.line),
  );
}

/** A confirmation that holds for this setup and key, with Forget. */
function drawConfirmed(ctx: AppContext, element: HTMLElement, text: string | undefined): void {
  element.hidden = text === undefined;
  if (text === undefined) return replaceChildren(element);
  const forget = h(
    'button',
    { type: 'button', className: 'link', id: 'forget-confirmation' },
    tr('ui.wizard.confirm.forget'),
  );
  forget.addEventListener('click', () => {
    ctx.act('forgetConfirmation', {});
    announce(tr('ui.wizard.confirm.forgotten'));
  });
  replaceChildren(element, h('p', {}, icon('pass'), ' ', h('strong', {}, text), ' ', forget));
}

/** What stands in the way when nothing arrives, and Trae's error codes. */
function drawHelp(ctx: AppContext, help: HTMLElement, confirm: Confirm, view: WizardView): void {
  if (!confirm.checklist) return replaceChildren(help);
  replaceChildren(
    help,
    h(
      'section',
      { className: 'checklist', 'aria-labelledby': 'checklist-title' },
      h('h3', { id: 'checklist-title' }, tr('ui.wizard.confirm.checklistTitle')),
      h('ul', { id: 'checklist' }, ...confirm.checklist.map((c) => h('li', {}, c))),
    ),
    view.guide && traeErrors(ctx, view.guide),
  );
}

/** "Invite a teammate": the saved setup as links (this editor, Trae, Trae CN) and a wiki snippet; never the key. */
function drawInvite(ctx: AppContext, element: HTMLElement, links: WizardView['invite']): void {
  element.hidden = links === undefined;
  if (!links) return replaceChildren(element);
  const copy = (what: 'linkThisEditor' | 'linkTrae' | 'linkTraeCn' | 'linkMarkdown') => () =>
    ctx.rpc.request('copy', { what }).then(() => undefined);
  const row = (id: string, link: string, label: Parameters<typeof tr>[0], what: Parameters<typeof copy>[0]) =>
    h(
      'li',
      { className: 'invite-link' },
      h('code', { className: 'value', id }, h('bdi', {}, link)),
      copyButton(tr(label), copy(what), { text: tr(label), id: `copy-${id}` }),
    );
  replaceChildren(
    element,
    h('h3', { id: 'invite-title' }, tr('ui.wizard.invite.title')),
    h('p', {}, tr('ui.wizard.invite.intro')),
    links.local !== undefined &&
      h('p', { className: 'invite-local', id: 'invite-local' }, icon('warning'), ' ', links.local),
    h(
      'ul',
      { className: 'invite-links' },
      row('link-this', links.thisEditor, 'ui.wizard.invite.copyThis', 'linkThisEditor'),
      links.trae !== links.thisEditor && row('link-trae', links.trae, 'ui.wizard.invite.copyTrae', 'linkTrae'),
      links.traeCn !== links.thisEditor &&
        row('link-trae-cn', links.traeCn, 'ui.wizard.invite.copyTraeCn', 'linkTraeCn'),
    ),
    h(
      'div',
      { className: 'actions' },
      copyButton(tr('ui.wizard.invite.copyMarkdown'), copy('linkMarkdown'), {
        text: tr('ui.wizard.invite.copyMarkdown'),
        id: 'copy-link-markdown',
      }),
    ),
  );
}
