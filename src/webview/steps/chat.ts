// Step 6, Choose it in chat: the model picker with Auto Mode off, the custom model, the test message;
// buttons that open Trae's chat or settings appear only when this editor has those commands.
import type { EditorAction } from '../../wizard/protocol';
import type { WizardView } from '../../wizard/protocolViews';
import type { AppContext, StepModule } from '../stepContract';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';
import { Actions } from '../ui';
import { instructionList, stepTitle } from './common';

export function mountChat(ctx: AppContext): StepModule {
  const body = h('div', { id: 'chat-body' });
  const buttons = h('div', { className: 'actions' });
  const actions = new Actions(ctx, 'trae', undefined);
  let drawn = '';
  const command = (action: EditorAction) => () => ctx.act('editorAction', { action });
  return {
    element: h('div', {}, stepTitle('chat'), body, buttons, actions.element),
    update(view: WizardView) {
      const signature = JSON.stringify([view.guide?.afterAdding, view.traeCommands]);
      if (signature === drawn) return;
      drawn = signature;
      replaceChildren(
        body,
        instructionList(view.guide?.afterAdding ?? [], 'trae-after'),
        h('p', { className: 'stored' }, icon('pass'), ' ', tr('ui.wizard.chat.saved')),
      );
      replaceChildren(
        buttons,
        view.traeCommands.openChat &&
          h(
            'button',
            { type: 'button', className: 'primary', id: 'open-chat', onclick: command('openChat') },
            tr('ui.wizard.chat.open'),
          ),
        view.traeCommands.openTraeSettings &&
          h(
            'button',
            { type: 'button', className: 'secondary', id: 'open-trae-settings', onclick: command('openTraeSettings') },
            tr('ui.wizard.chat.openSettings'),
          ),
        h(
          'button',
          { type: 'button', className: 'secondary', onclick: command('checkConnection') },
          tr('ui.action.checkConnection'),
        ),
        h('button', { type: 'button', className: 'secondary', onclick: command('close') }, tr('ui.wizard.chat.close')),
      );
    },
  };
}
