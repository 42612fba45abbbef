// In-memory user settings (SettingsPort): writes are recorded and heard as one change each, a change
// made elsewhere (Settings UI, settings.json) is change(), and every write can be made to fail.
import { Emitter } from '../../../src/services/events';
import type { ConnectionSettings, PoolSettings, SettingsChange, SettingsPort } from '../../../src/services/ports';
import type { GuideLanguage } from '../../../src/core/trae/traeGuide';

/** What VS Code says when settings.json cannot be written (e.g. it does not parse). */
export const SETTINGS_UNWRITABLE =
  'Unable to write into user settings. Please open the user settings to correct errors/warnings in it and try again.';

export class FakeSettings implements SettingsPort {
  readonly #changed = new Emitter<SettingsChange>();
  readonly onDidChange = this.#changed.event;
  values: PoolSettings;
  writes: ConnectionSettings[] = [];
  events: SettingsChange[] = [];
  /** Make a write reject (SETTINGS_UNWRITABLE) with nothing written and no change heard. */
  failing: { writeConnection?: boolean; writeGuideLanguage?: boolean; clearSetting?: boolean } = {};

  constructor(values: Partial<PoolSettings> = {}) {
    this.values = {
      baseUrl: 'http://localhost:4000/v1',
      fullUrl: false,
      model: '',
      moreModels: [],
      intervalSeconds: 300,
      timeoutSeconds: 5,
      guideLanguage: 'auto',
      secretIn: [],
      ...values,
    };
  }

  read(): PoolSettings {
    return this.values;
  }

  async writeConnection(values: ConnectionSettings): Promise<void> {
    if (this.failing.writeConnection) throw new Error(SETTINGS_UNWRITABLE);
    this.writes.push(values);
    this.change({ ...values, moreModels: values.moreModels ?? this.values.moreModels }, { connection: true });
  }

  async writeGuideLanguage(language: GuideLanguage): Promise<void> {
    if (this.failing.writeGuideLanguage) throw new Error(SETTINGS_UNWRITABLE);
    this.change({ guideLanguage: language }, { language: true });
  }

  async clearSetting(name: 'baseUrl' | 'model'): Promise<void> {
    if (this.failing.clearSetting) throw new Error(SETTINGS_UNWRITABLE);
    this.change({ [name]: '' }, { connection: true });
  }

  /** A change made here or elsewhere (Settings UI, settings.json). */
  change(values: Partial<PoolSettings>, what: Partial<SettingsChange> = { connection: true }): void {
    this.values = { ...this.values, ...values };
    const event = { connection: false, interval: false, network: false, language: false, ...what };
    this.events.push(event);
    this.#changed.fire(event);
  }
}
