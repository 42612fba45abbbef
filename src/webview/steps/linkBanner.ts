// Step 1 when the draft came from a setup link: "This link points at pool.example.com", big and plain,
// what the link filled in, and the choice: "Check this pool" (which says so when it is not the pool in
// use now) or "Discard the link". Nothing is sent to that pool before the click; the host enforces it.
import type { WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext } from '../stepContract';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';

export interface LinkBanner {
  readonly element: HTMLElement;
  update(view: WizardView): void;
}

export function linkBanner(ctx: AppContext): LinkBanner {
  const element = h('section', {
    className: 'link-banner',
    id: 'link-banner',
    'aria-labelledby': 'link-host',
    hidden: true,
  });
  let drawn = '';
  return {
    element,
    update(view) {
      const link = view.link;
      const signature = JSON.stringify(link ?? null);
      if (signature === drawn) return;
      drawn = signature;
      element.hidden = !link;
      if (!link) return replaceChildren(element);
      const focused = document.activeElement?.id;
      const discard = h(
        'button',
        { type: 'button', className: 'secondary', id: 'discard-link', onclick: () => ctx.act('discardDraft', {}) },
        tr('ui.wizard.link.discard'),
      );
      // Held: nothing has gone there, and the user decides. Otherwise: the pool in use, or one the user chose.
      const said = link.held
        ? 'ui.wizard.link.intro'
        : link.same
          ? 'ui.wizard.link.introSame'
          : 'ui.wizard.link.checking';
      replaceChildren(
        element,
        h(
          'h3',
          { id: 'link-host', className: 'link-host' },
          tr('ui.wizard.link.pointsAt', { host: '' }),
          h('bdi', {}, link.host),
        ),
        h('p', { id: 'link-said' }, !link.held && icon('info'), !link.held && ' ', tr(said)),
        h('p', { className: 'link-values' }, link.values),
        h(
          'div',
          { className: 'actions' },
          link.held &&
            h(
              'button',
              {
                type: 'button',
                className: 'primary',
                id: 'check-link-pool',
                onclick: () => ctx.act('checkLinkPool', {}),
              },
              link.savedHost ? tr('ui.wizard.link.checkOther', { saved: link.savedHost }) : tr('ui.wizard.link.check'),
            ),
          discard,
        ),
      );
      if (focused) document.getElementById(focused)?.focus();
    },
  };
}
