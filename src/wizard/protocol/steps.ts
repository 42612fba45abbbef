// The wizard's steps, in order, with their titles: read by the host's state and the page's navigation.
import type { MessageId } from '../../core/text/messages';

export const STEP_NAMES = ['url', 'key', 'model', 'test', 'trae', 'confirm'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** Each step's title in the catalog (the page's navigation, and what the host says about a step). */
export const STEP_TITLES: Record<StepName, MessageId> = {
  url: 'ui.wizard.step1',
  key: 'ui.wizard.step2',
  model: 'ui.wizard.step3',
  test: 'ui.wizard.step4',
  trae: 'ui.wizard.step5',
  confirm: 'ui.wizard.step6',
};

export function isStepName(value: unknown): value is StepName {
  return STEP_NAMES.some((name) => name === value);
}
