// Asks which model a command checks when the saved setup has several: a quick pick whose items
// services/modelChoice.ts chooses (main model first, so Enter keeps today's one-step flow). With one model
// nothing is asked; Escape cancels before any request.
import * as vscode from 'vscode';
import { modelChoices, type ModelChoice } from '../services/modelChoice';
import type { ConnectionSettings } from '../services/ports';
import { render, t } from './l10n';

/** The model picked; 'other': the user will type one; undefined: cancelled (or nothing to ask: `single`). */
export type ModelPick = { readonly kind: 'model'; readonly model: string } | { readonly kind: 'other' };

/**
 * The model to check: the saved main model without a question when it is the only one, else the user's
 * pick. undefined when the user pressed Escape.
 */
export async function pickModel(
  settings: Pick<ConnectionSettings, 'model' | 'moreModels'>,
  title: string,
  options: { readonly other?: boolean } = {},
): Promise<ModelPick | undefined> {
  const choices = modelChoices(settings, options);
  if (choices.length === 0) return { kind: 'model', model: settings.model };
  const items = choices.map((choice) => ({ ...itemOf(choice), choice }));
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: t('ui.pickModel.placeholder'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  return picked.choice.kind === 'other' ? { kind: 'other' } : { kind: 'model', model: picked.choice.model };
}

function itemOf(choice: ModelChoice): vscode.QuickPickItem {
  if (choice.kind === 'other') return { label: `$(edit) ${render(choice.label)}`, detail: render(choice.detail) };
  return {
    label: choice.model,
    ...(choice.description ? { description: render(choice.description) } : {}),
  };
}
