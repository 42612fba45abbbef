// The status bar's checks and an open wizard must not disagree. When the check service publishes a check
// of the saved setup with the key the wizard works with, and it disagrees with what the wizard's own free
// checks found (the pool now refuses the key, or works again), the wizard runs its free checks again and
// shows what they find, instead of keeping an old "the pool accepts this key". No `vscode`.
import type { PublishedCheck } from '../services/checkService';
import type { Disposable, Event } from '../services/events';
import type { CheckRunner } from './checkRunner';
import type { WizardState } from './state';

export function followPublishedChecks(
  published: Event<PublishedCheck>,
  state: WizardState,
  runner: Pick<CheckRunner, 'forget'>,
  changed: () => void,
): Disposable {
  return published((check) => {
    const key = state.key;
    if (state.dirty || key.kind !== 'stored' || check.keyFingerprint !== key.fingerprint) return;
    const { target } = check.report;
    const saved = state.saved;
    if (target.baseUrl !== saved.url || target.fullUrl !== saved.fullUrl || target.model !== saved.modelId) return;
    const list = state.checks.current('list');
    if (!list || state.checks.running('list')) return;
    const failing = check.report.verdict === 'error';
    if (failing === (list.verdict === 'error')) return;
    runner.forget('reach');
    runner.forget('list');
    changed();
  });
}
