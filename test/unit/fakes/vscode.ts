// Not a port: the few `vscode` calls the editor-side glue makes (src/interactive.ts on its way to the wizard's
// panel and the Confirm Trae command; the status bar item; the commands' notifications and input boxes), as a
// module plain Node can load (require('vscode') answers with it once installed). Everything below the editor
// layer has ports and fakes of its own.
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

/** A notification shown: its text, its buttons' titles in order, and whether it was a modal dialog. */
export interface FakeNotification {
  readonly severity: 'info' | 'warning' | 'error';
  readonly text: string;
  readonly buttons: readonly string[];
  readonly modal: boolean;
}

/**
 * What a test sees of the editor: panels created, progress notifications running, the clipboard, the
 * notifications shown (and which button the user clicks: `choose`), what input boxes answer, status bar items.
 */
export interface FakeEditor {
  readonly panels: FakeWebviewPanel[];
  readonly progress: Array<{ title: string; reports: string[]; done: boolean }>;
  clipboard: string;
  readonly notifications: FakeNotification[];
  /** The title of the button the user clicks on a notification; undefined: it is dismissed. */
  choose: (shown: FakeNotification) => string | undefined;
  /** What each input box answers, in order (undefined: Escape). */
  readonly inputs: Array<string | undefined>;
  /** Each quick pick shown: its title and items as the user sees them. */
  readonly quickPicks: Array<{ title?: string; items: Array<{ label: string; description?: string }> }>;
  /** Which item the user takes from a quick pick (default 0: Enter on the first, active, item); undefined: Escape. */
  pick: (items: ReadonlyArray<{ label: string }>) => number | undefined;
  readonly statusItems: FakeStatusBarItem[];
  readonly executed: Array<{ command: string; args: unknown[] }>;
}

export interface FakeStatusBarItem {
  text: string;
  tooltip: FakeMarkdownString | string | undefined;
  backgroundColor: { id: string } | undefined;
  command: string | undefined;
  name: string | undefined;
  accessibilityInformation: { label: string } | undefined;
  show(): void;
  dispose(): void;
}

/** vscode.MarkdownString as the status bar uses it; appendText does what VS Code's does (spaces become &nbsp;). */
export class FakeMarkdownString {
  isTrusted: unknown;
  supportThemeIcons: boolean;
  constructor(
    public value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }
  appendText(value: string): this {
    this.value += value.replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&').replace(/([ \t]+)/g, (m) => '&nbsp;'.repeat(m.length));
    return this;
  }
}

function newEditor(): FakeEditor {
  return {
    panels: [],
    progress: [],
    clipboard: '',
    notifications: [],
    choose: () => undefined,
    inputs: [],
    quickPicks: [],
    pick: () => 0,
    statusItems: [],
    executed: [],
  };
}

/** The editor of the latest install: modules load `vscode` once, so the one fake reads whichever is current. */
let editor: FakeEditor = newEditor();
let fake: ReturnType<typeof buildFake> | undefined;

export function installVscode(): { editor: FakeEditor; uninstall: () => void } {
  editor = newEditor();
  fake ??= buildFake();
  return { editor, uninstall: register(fake) };
}

/** A notification: its buttons may be strings or MessageItems, after an optional options object. */
function notify(severity: FakeNotification['severity']) {
  return async (text: string, ...rest: unknown[]): Promise<unknown> => {
    const options = rest[0] !== null && typeof rest[0] === 'object' && !('title' in rest[0]) ? rest.shift() : {};
    const items = rest as Array<string | { title: string }>;
    const shown: FakeNotification = {
      severity,
      text,
      buttons: items.map((i) => (typeof i === 'string' ? i : i.title)),
      modal: (options as { modal?: boolean }).modal === true,
    };
    editor.notifications.push(shown);
    const title = editor.choose(shown);
    return items.find((i) => (typeof i === 'string' ? i : i.title) === title);
  };
}

function buildFake() {
  return {
    ViewColumn: { Active: -1 },
    ProgressLocation: { Notification: 15 },
    UIKind: { Desktop: 1, Web: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    InputBoxValidationSeverity: { Info: 1, Warning: 2, Error: 3 },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: FakeMarkdownString,
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
    commands: {
      getCommands: async () => [],
      executeCommand: async (command: string, ...args: unknown[]) => void editor.executed.push({ command, args }),
    },
    window: {
      createWebviewPanel: (viewType: string) => {
        const panel = new FakeWebviewPanel(viewType);
        editor.panels.push(panel);
        return panel;
      },
      createStatusBarItem: (): FakeStatusBarItem => {
        const item: FakeStatusBarItem = {
          text: '',
          tooltip: undefined,
          backgroundColor: undefined,
          command: undefined,
          name: undefined,
          accessibilityInformation: undefined,
          show: () => undefined,
          dispose: () => undefined,
        };
        editor.statusItems.push(item);
        return item;
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
      showInputBox: async () => editor.inputs.shift(),
      showQuickPick: async <T extends { label: string; description?: string }>(
        items: readonly T[],
        options: { title?: string } = {},
      ): Promise<T | undefined> => {
        editor.quickPicks.push({ ...(options.title ? { title: options.title } : {}), items: [...items] });
        const index = editor.pick(items);
        return index === undefined ? undefined : items[index];
      },
      showWarningMessage: notify('warning'),
      showInformationMessage: notify('info'),
      showErrorMessage: notify('error'),
    },
  };
}

/** Puts the fake where require('vscode') finds it; the function returned takes it away. */
function register(fake: object): () => void {
  const loader = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  const cache = require.cache as Record<string, unknown>;
  cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: fake };
  return () => {
    loader._resolveFilename = resolve;
    delete cache['vscode'];
  };
}
