// Trae's error codes as users report them (984, 4028, …): what each means with this pool, and a button
// that runs the check deciding it. Folded on step 5 (needed only when something fails), open on step 6
// when Trae showed an error.
import type { GuideView } from '../../wizard/protocol/protocolViews';
import type { AppContext } from '../stepContract';
import { h, icon, replaceChildren } from '../dom';
import { tr } from '../strings';
import { announce, ProblemList } from '../ui';

/**
 * "Trae says …": each code Trae users report, what it means here, and a button that runs the check deciding
 * it. `folded`: a native disclosure, closed until opened (`open` keeps it open across a redraw).
 */
export function traeErrors(ctx: AppContext, guide: GuideView, fold?: { readonly open: boolean }): HTMLElement | false {
  if (guide.errors.length === 0) return false;
  const intro = h('p', { className: 'muted' }, tr('ui.wizard.trae.errorsIntro'));
  const codes = h(
    'dl',
    {},
    ...guide.errors.flatMap((e) => [
      h('dt', { 'data-trae-error': e.key }, e.title),
      h('dd', {}, h('p', {}, e.meaning, ' ', e.fix), explainButton(ctx, e.key, e.costsQuota)),
    ]),
  );
  if (fold) {
    const summary = h('summary', { id: 'trae-errors-title' }, tr('ui.wizard.trae.errorsFolded'));
    return h('details', { className: 'trae-errors', id: 'trae-errors', open: fold.open }, summary, intro, codes);
  }
  return h(
    'section',
    { className: 'trae-errors', id: 'trae-errors', 'aria-labelledby': 'trae-errors-title' },
    h('h3', { id: 'trae-errors-title' }, tr('ui.wizard.trae.errorsTitle')),
    intro,
    codes,
  );
}

function explainButton(ctx: AppContext, key: string, costs: boolean): HTMLElement {
  const result = h('div', { className: 'explain-result', id: `explain-${key}` });
  const button = h(
    'button',
    { type: 'button', className: 'secondary', 'data-explain': key },
    tr(costs ? 'ui.wizard.trae.explainPaid' : 'ui.wizard.trae.explainFree'),
  );
  const problems = new ProblemList(ctx);
  const onClick = async (): Promise<void> => {
    button.disabled = true;
    replaceChildren(result, h('p', { role: 'status', className: 'running' }, tr('ui.wizard.trae.explaining')));
    try {
      const finding = await ctx.rpc.request('explainTraeError', { key: key as never });
      problems.update(finding.problems);
      replaceChildren(
        result,
        ...finding.lines.map((l) =>
          h(
            'p',
            { className: finding.verdict === 'fine' ? 'explain-line fine' : 'explain-line cause' },
            icon(finding.verdict === 'fine' ? 'pass' : 'error'),
            ' ',
            l,
          ),
        ),
        problems.element,
      );
      announce(finding.lines[0] ?? '');
    } catch (error) {
      replaceChildren(result);
      ctx.showFailure(error);
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener('click', () => void onClick());
  return h('div', {}, button, result);
}
