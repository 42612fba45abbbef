// Step 1 when the draft came from a setup link: "This link points at pool.example.com", big and plain,
// what the link filled in, and the choice: "Check this pool" (which says so when it is not the pool in
// use now) or "Discard the link". Nothing is sent to that pool before the click; the host enforces it.
import type { WizardView } from '../../wizard/protocolViews';
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
      replaceChildren(
        element,
        h(
          'h3',
          { id: 'link-host', className: 'link-host' },
          tr('ui.wizard.link.pointsAt', { host: '' }),
          h('bdi', {}, link.host),
        ),
        h('p', {}, tr('ui.wizard.link.intro')),
        h('p', { className: 'link-values' }, link.values),
        link.held
          ? h(
              'div',
              { className: 'actions' },
              h(
                'button',
                {
                  type: 'button',
                  className: 'primary',
                  id: 'check-link-pool',
                  onclick: () => ctx.act('checkLinkPool', {}),
                },
                link.savedHost
                  ? tr('ui.wizard.link.checkOther', { saved: link.savedHost })
                  : tr('ui.wizard.link.check'),
              ),
              h(
                'button',
                {
                  type: 'button',
                  className: 'secondary',
                  id: 'discard-link',
                  onclick: () => ctx.act('discardDraft', {}),
                },
                tr('ui.wizard.link.discard'),
              ),
            )
          : h(
              'p',
              { className: 'link-checking' },
              icon('info'),
              ' ',
              tr(link.same ? 'ui.wizard.link.same' : 'ui.wizard.link.checking'),
            ),
      );
      if (focused) document.getElementById(focused)?.focus();
    },
  };
}
