// The editor's clipboard (ClipboardPort) as one string: every write is kept in order, and the user can
// copy something of their own in between (`userCopies`). Failure switches for reading and writing.
import type { ClipboardPort } from '../../../src/wizard/checks/ports';

export class FakeClipboard implements ClipboardPort {
  text = '';
  /** Every write through the port, in order (the user's own copies are not in it). */
  readonly writes: string[] = [];
  readError: Error | undefined;
  writeError: Error | undefined;

  async readText(): Promise<string> {
    if (this.readError) throw this.readError;
    return this.text;
  }

  async writeText(text: string): Promise<void> {
    if (this.writeError) throw this.writeError;
    this.writes.push(text);
    this.text = text;
  }

  /** The user copies something elsewhere (another app, the editor). */
  userCopies(text: string): void {
    this.text = text;
  }
}
