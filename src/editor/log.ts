// One LogOutputChannel for the extension; every line passes through redaction first, with the
// current key added to the patterns, so a key can never reach the log file.
import * as vscode from 'vscode';
import { redactSecrets } from '../core/poolKey';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private secrets: readonly string[] = [];

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** The values to redact besides the generic patterns (the stored key). */
  setSecrets(secrets: readonly (string | undefined)[]): void {
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  info(text: string): void {
    this.channel.info(this.redact(text));
  }

  warn(text: string): void {
    this.channel.warn(this.redact(text));
  }

  error(text: string): void {
    this.channel.error(this.redact(text));
  }

  debug(text: string): void {
    this.channel.debug(this.redact(text));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
