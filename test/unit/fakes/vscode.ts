// Not a port: the few `vscode` calls the interactive bundle makes on its way to the wizard's panel and the
// Confirm Trae command, as a module plain Node can load (require('vscode') answers with it once installed).
// Only for the editor-side glue (src/interactive.ts); everything below it has ports and fakes of its own.
import Module = require('node:module');

type Listener = (value: unknown) => void;

/** One event: listeners in a set, a disposable per subscription (vscode.Event's shape). */
function event() {
  const listeners = new Set<Listener>();
  return {
    on: (listener: Listener) => {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    fire: (value?: unknown) => [...listeners].forEach((l) => l(value)),
  };
}

export class FakeWebviewPanel {
  readonly #disposed = event();
  readonly #viewState = event();
  readonly #message = event();
  readonly posted: unknown[] = [];
  disposed = false;
  visible = true;
  iconPath: unknown;
  readonly webview = {
    html: '',
    options: {},
    cspSource: 'vscode-resource:',
    asWebviewUri: (uri: unknown) => uri,
    onDidReceiveMessage: this.#message.on,
    postMessage: async (message: unknown) => (this.posted.push(message), true),
  };
  readonly onDidDispose = this.#disposed.on;
  readonly onDidChangeViewState = this.#viewState.on;

  constructor(readonly viewType: string) {}

  reveal(): void {}

  /** The page posts a message to the host. */
  deliver(message: unknown): void {
    this.#message.fire(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.#disposed.fire();
  }
}

/** What a test sees of the editor: panels created, progress notifications running, the clipboard. */
export interface FakeEditor {
  readonly panels: FakeWebviewPanel[];
  readonly progress: Array<{ title: string; reports: string[]; done: boolean }>;
  clipboard: string;
}

export function installVscode(): { editor: FakeEditor; uninstall: () => void } {
  const editor: FakeEditor = { panels: [], progress: [], clipboard: '' };
  const fake = {
    ViewColumn: { Active: -1 },
    ProgressLocation: { Notification: 15 },
    UIKind: { Desktop: 1, Web: 2 },
    Uri: { joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/') }) },
    l10n: {
      bundle: undefined,
      t: (text: string, args: Record<string, unknown> = {}) =>
        text.replace(/\{(\w+)\}/g, (m, name: string) => (name in args ? String(args[name]) : m)),
    },
    env: {
      language: 'en',
      uriScheme: 'vscode',
      appName: 'Visual Studio Code',
      clipboard: {
        readText: async () => editor.clipboard,
        writeText: async (text: string) => void (editor.clipboard = text),
      },
    },
    // No proxy, nothing configured: every setting reads as its default.
    workspace: { getConfiguration: () => ({ get: () => undefined }) },
    commands: { getCommands: async () => [], executeCommand: async () => undefined },
    window: {
      createWebviewPanel: (viewType: string) => {
        const panel = new FakeWebviewPanel(viewType);
        editor.panels.push(panel);
        return panel;
      },
      withProgress: async (
        options: { title: string },
        task: (progress: unknown, token: unknown) => Promise<unknown>,
      ): Promise<unknown> => {
        const shown = { title: options.title, reports: [] as string[], done: false };
        editor.progress.push(shown);
        const progress = { report: ({ message }: { message?: string }) => shown.reports.push(message ?? '') };
        const token = { isCancellationRequested: false, onCancellationRequested: event().on };
        return task(progress, token).finally(() => (shown.done = true));
      },
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      showErrorMessage: async () => undefined,
    },
  };
  const loader = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  const cache = require.cache as Record<string, unknown>;
  cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: fake };
  return {
    editor,
    uninstall: () => {
      loader._resolveFilename = resolve;
      delete cache['vscode'];
    },
  };
}
