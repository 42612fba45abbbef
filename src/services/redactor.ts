// The one choke point for text on its way out: every log line, notification, status tooltip, diagnosis
// text and webview message passes redact()/redactDeep(). It knows the keys this session has seen (the
// stored one and any it replaced) on top of the core's generic secret patterns.
import { redactText } from '../core/secrets/redact';

const MAX_REMEMBERED = 8;

export class Redactor {
  #secrets: string[] = [];

  /** Adds a secret to redact from now on (the newest first; a few older ones are kept). */
  remember(secret: string | undefined): void {
    if (!secret || this.#secrets[0] === secret) return;
    this.#secrets = [secret, ...this.#secrets.filter((s) => s !== secret)].slice(0, MAX_REMEMBERED);
  }

  redact(text: string): string {
    return redactText(text, this.#secrets);
  }

  /** A copy of a JSON-like value with every string redacted (for messages to the webview). */
  redactDeep<T>(value: T): T {
    return this.#walk(value) as T;
  }

  #walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((v) => this.#walk(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.#walk(v);
      return out;
    }
    return value;
  }
}
