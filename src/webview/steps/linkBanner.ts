// Step 1 when the draft came from a setup link: "This link points at pool.example.com", big and plain,
// what the link filled in (its models, with those it adds or removes), and the choice: "Check this pool"
// (which says so when it is not the pool in use now) or "Discard the link". Nothing is sent to that pool
// before the click; the host enforces it.
import type { WizardView } from '../../wizard/protocol/protocolViews';
import type { AppContext } from '../stepContract';
import { h, icon, replaceChildren, type Child } from '../dom';
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
        link.models && linkModels(link.models),
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

type LinkModels = NonNullable<NonNullable<WizardView['link']>['models']>;

/** The link's models, main first, each marked when the saved setup lacks it; then the saved ones it leaves out. */
function linkModels(models: LinkModels): HTMLElement {
  const tag = (text: string, className: string): Child[] => [' ', h('span', { className: `badge ${className}` }, text)];
  return h(
    'div',
    { className: 'link-models', id: 'link-models' },
    models.ids.length > 0 && h('p', {}, tr('ui.wizard.link.models')),
    models.ids.length > 0 &&
      h(
        'ul',
        { id: 'link-models-list' },
        ...models.ids.map((id) =>
          h(
            'li',
            {},
            h('code', {}, h('bdi', {}, id)),
            ...(models.added.includes(id) ? tag(tr('ui.wizard.link.added'), 'link-added') : []),
          ),
        ),
      ),
    models.removed.length > 0 && h('p', {}, tr('ui.wizard.link.removed')),
    models.removed.length > 0 &&
      h(
        'ul',
        { id: 'link-models-removed' },
        ...models.removed.map((id) => h('li', {}, h('code', {}, h('bdi', {}, id)))),
      ),
  );
}
