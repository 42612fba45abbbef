// What the wizard's last step, Confirm in Trae, asks of the user, in Trae's own words: add the model,
// turn Auto Mode off, pick it under Custom Models, send the test message; and, when nothing arrives,
// the short checklist of what usually stands in the way. Built from the same guide as step 5.
import type { Msg } from '../text/messages';
import { msg } from '../text/messages';
import type { PoolEndpoint } from '../url/endpoint';
import type { GuideStep, TraeGuide } from './traeGuide';

export interface ConfirmGuide {
  /** In order: add the model, Auto Mode off, pick it, send the test message. */
  readonly instructions: readonly GuideStep[];
  /** What to look at in Trae when no request arrives. */
  readonly checklist: readonly Msg[];
}

/** `models`: how many Add Model entries the setup has; one confirmation covers them all (usage is per key). */
export function confirmGuide(guide: TraeGuide, endpoint: PoolEndpoint, models = 1): ConfirmGuide {
  const { labels } = guide;
  const after = (id: GuideStep['id']) => guide.dialog.afterAdding.filter((s) => s.id === id);
  const displayName = guide.dialog.advanced.rows.flatMap((r) => r.fields).find((f) => f.id === 'displayName');
  const name = displayName?.value ?? '';
  return {
    instructions: [
      models > 1
        ? {
            id: 'addInTrae',
            title: msg('guide.confirm.addSet.title', { count: models }),
            body: msg('guide.confirm.addSet.body', { addModel: labels.addModel, count: models }),
          }
        : {
            id: 'addInTrae',
            title: msg('guide.confirm.add.title'),
            body: msg('guide.confirm.add.body', { addModel: labels.addModel }),
          },
      ...after('autoModeOff'),
      ...after('selectModel'),
      ...after('sendTest'),
    ],
    checklist: [
      msg('guide.check.added', { models: labels.models, custom: labels.customGroup }),
      msg('guide.check.autoMode', { autoMode: labels.autoMode }),
      msg('guide.check.selected', { name, customModels: labels.customModels }),
      msg('guide.check.url', { requestUrl: labels.fields.requestUrl, url: endpoint.traeUrl }),
    ],
  };
}
