// The Pool API key lives in SecretStorage and nowhere else. Storing goes through the key rules, so a
// wrong paste can never replace a good key.
import * as vscode from 'vscode';
import { analyzeKey, type KeyAnalysis } from '../core/poolKey';

export const SECRET_ID = 'codexPooler.poolApiKey';

export class PoolKeyStore implements vscode.Disposable {
  readonly onDidChange: vscode.Event<void>;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = this.emitter.event;
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_ID) this.emitter.fire();
    });
  }

  get(): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(SECRET_ID)).then((v) => (v === '' ? undefined : v));
  }

  /** Stores the key if the rules accept it; otherwise leaves the stored key as it was. */
  async store(candidate: unknown): Promise<KeyAnalysis> {
    const analysis = analyzeKey(candidate);
    if (analysis.ok && analysis.key) await this.secrets.store(SECRET_ID, analysis.key);
    return analysis;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
