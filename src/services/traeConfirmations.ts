// "Confirmed from Trae on <date, time>": remembered for the setup it was seen with (URL, Full URL, model
// and a one-way hash of the key; never key material), shown in the status bar's tooltip and in Copy
// Diagnostics. Recorded only if the reading's setup and key are still the saved ones (a reading may have
// begun before a change). It no longer holds, and is forgotten, once the URL, model or key changes, or when
// the user says "Forget". No `vscode`.
import { Emitter, DisposableStore, type Disposable, type Event } from './events';
import type { PoolKeyStore } from './keyStore';
import type { ConnectionSettings, LogPort, MementoPort, SettingsPort } from './ports';
import { sameConnection } from './traeFindings';

export const CONFIRMATION_KEY = 'codexPooler.traeConfirmation';

export interface TraeConfirmation {
  readonly target: ConnectionSettings;
  readonly keyFingerprint: string;
  /** Wall-clock milliseconds. */
  readonly at: number;
}

export interface TraeConfirmationsDeps {
  readonly memento: MementoPort;
  readonly settings: SettingsPort;
  readonly keys: Pick<PoolKeyStore, 'onDidChange' | 'state'>;
  readonly log: LogPort;
}

export class TraeConfirmations implements Disposable {
  readonly #changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.#changed.event;
  readonly #subscriptions = new DisposableStore();
  #keyFingerprint: string | undefined;
  /** Key reads asked so far: an older answer never overwrites a newer one. */
  #keyReads = 0;

  constructor(private readonly deps: TraeConfirmationsDeps) {
    this.#subscriptions.add(deps.settings.onDidChange((change) => change.connection && void this.#revalidate()));
    this.#subscriptions.add(deps.keys.onDidChange(() => void this.#revalidate()));
    void this.#revalidate();
  }

  /** The confirmation that holds for the saved setup and the stored key, if one does. */
  get current(): TraeConfirmation | undefined {
    const stored = readConfirmation(this.deps.memento.get(CONFIRMATION_KEY));
    if (!stored || stored.keyFingerprint !== this.#keyFingerprint) return undefined;
    return sameConnection(stored.target, this.deps.settings.read()) ? stored : undefined;
  }

  /** Remembers it if it holds for the saved setup and the stored key now; says whether it did. */
  async record(confirmation: TraeConfirmation): Promise<boolean> {
    if (await this.#holds(confirmation)) {
      await this.#write(confirmation);
      // The key or setup may have changed while it was written.
      if (await this.#holds(confirmation)) return true;
      await this.#write(undefined);
    }
    this.deps.log.info('Trae confirmation not kept: the URL, model or key changed while the usage was read.');
    return false;
  }

  /** The user's "Forget". */
  async forget(): Promise<void> {
    await this.#write(undefined);
  }

  dispose(): void {
    this.#subscriptions.dispose();
    this.#changed.dispose();
  }

  async #holds(confirmation: TraeConfirmation): Promise<boolean> {
    const fingerprint = await this.#readFingerprint();
    return (
      fingerprint === confirmation.keyFingerprint && sameConnection(confirmation.target, this.deps.settings.read())
    );
  }

  async #readFingerprint(): Promise<string | undefined> {
    const asked = ++this.#keyReads;
    const state = await this.deps.keys.state();
    const fingerprint = state.kind === 'stored' ? state.fingerprint : undefined;
    if (asked === this.#keyReads) this.#keyFingerprint = fingerprint;
    return fingerprint;
  }

  /** After a change of settings or key: a confirmation for another setup is forgotten. */
  async #revalidate(): Promise<void> {
    await this.#readFingerprint();
    const stored = readConfirmation(this.deps.memento.get(CONFIRMATION_KEY));
    if (stored && !this.current) await this.#write(undefined);
    else this.#changed.fire();
  }

  async #write(value: TraeConfirmation | undefined): Promise<void> {
    try {
      await this.deps.memento.update(CONFIRMATION_KEY, value);
    } catch (error) {
      this.deps.log.warn(`Could not remember Trae's confirmation: ${String(error)}`);
    }
    this.#changed.fire();
  }
}

/** What the memento holds, checked (an earlier version or a corrupt store may hold anything). */
function readConfirmation(raw: unknown): TraeConfirmation | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { target, keyFingerprint, at } = raw as Record<string, unknown>;
  if (typeof keyFingerprint !== 'string' || typeof at !== 'number' || typeof target !== 'object' || target === null) {
    return undefined;
  }
  const { baseUrl, fullUrl, model } = target as Record<string, unknown>;
  if (typeof baseUrl !== 'string' || typeof fullUrl !== 'boolean' || typeof model !== 'string') return undefined;
  return { target: { baseUrl, fullUrl, model }, keyFingerprint, at };
}
