// One LogOutputChannel for the extension; every line passes the redactor first (the choke point that
// knows the keys this session has seen), so a key can never reach the log file.
import * as vscode from 'vscode';
import type { LogPort } from '../services/ports';
import type { Redactor } from '../services/redactor';

export class Log implements LogPort, vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(
    name: string,
    private readonly redactor: Redactor,
  ) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  info(text: string): void {
    this.channel.info(this.redactor.redact(text));
  }

  warn(text: string): void {
    this.channel.warn(this.redactor.redact(text));
  }

  error(text: string): void {
    this.channel.error(this.redactor.redact(text));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
