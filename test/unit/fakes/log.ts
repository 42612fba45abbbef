// The output channel (LogPort) as a list of lines, each prefixed with its level ("info", "warn", "error").
import type { LogPort } from '../../../src/services/ports';

export class FakeLog implements LogPort {
  readonly lines: string[] = [];

  info(text: string): void {
    this.lines.push(`info ${text}`);
  }

  warn(text: string): void {
    this.lines.push(`warn ${text}`);
  }

  error(text: string): void {
    this.lines.push(`error ${text}`);
  }

  /** The warnings, without their prefix. */
  warnings(): string[] {
    return this.#at('warn');
  }

  /** The errors, without their prefix. */
  errors(): string[] {
    return this.#at('error');
  }

  #at(level: 'warn' | 'error'): string[] {
    return this.lines.filter((l) => l.startsWith(`${level} `)).map((l) => l.slice(level.length + 1));
  }
}
