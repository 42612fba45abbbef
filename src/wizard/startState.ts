// The wizard's state as it opens: the saved setup, the stored key's state, the last published check and what an
// earlier session remembered (never a key). No `vscode`.
import type { PoolSettings } from '../services/ports';
import { keyInfo, type WizardPorts } from './checks/ports';
import { WizardState } from './state/state';
import { LEGACY_STATE_KEY, STATE_KEY, type Draft } from './state/stateTypes';

/** The saved settings as a draft: the main model and the further models of the setup. */
export function savedDraftOf(s: PoolSettings): Draft {
  return { url: s.baseUrl, fullUrl: s.fullUrl, modelId: s.model, moreModels: s.moreModels };
}

export async function startState(ports: WizardPorts): Promise<WizardState> {
  const settings = ports.settings.read();
  const key = keyInfo(await ports.keys.state());
  const last = ports.lastCheck();
  // Best effort, like the controller's persist: a memento that cannot be written must not keep the wizard shut.
  await Promise.resolve(ports.memento.update(LEGACY_STATE_KEY, undefined)).catch((error: unknown) =>
    ports.log.warn(`Setup wizard: could not remove what an earlier version stored: ${String(error)}`),
  );
  return new WizardState({
    saved: savedDraftOf(settings),
    key,
    persisted: ports.memento.get<Record<string, unknown>>(STATE_KEY) ?? {},
    ...(last ? { lastCheck: { report: last.report, keyFingerprint: last.keyFingerprint, at: last.finishedAt } } : {}),
    now: ports.now ?? Date.now,
  });
}
