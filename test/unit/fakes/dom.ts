// Not a port: the few DOM calls the webview's shell makes, as a small tree in plain Node (no browser), and
// the page the host serves (src/editor/webviewHtml.ts) built in it. Installed on globalThis while a test runs.

export class FakeText {
  constructor(public textContent: string) {}
}

type FakeNode = FakeElement | FakeText;

export class FakeElement {
  readonly attributes = new Map<string, string>();
  childNodes: FakeNode[] = [];
  readonly listeners = new Map<string, Array<(event: unknown) => void>>();
  readonly classList = {
    add: (...names: string[]) => (this.className = [...new Set([...this.#classes(), ...names])].join(' ')),
    remove: (...names: string[]) =>
      (this.className = this.#classes()
        .filter((c) => !names.includes(c))
        .join(' ')),
    contains: (name: string) => this.#classes().includes(name),
  };

  constructor(readonly tagName: string) {}

  get id(): string {
    return this.attributes.get('id') ?? '';
  }
  get className(): string {
    return this.attributes.get('class') ?? '';
  }
  set className(value: string) {
    this.attributes.set('class', value);
  }
  get hidden(): boolean {
    return this.attributes.has('hidden');
  }
  set hidden(value: boolean) {
    if (value) this.attributes.set('hidden', '');
    else this.attributes.delete('hidden');
  }
  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join('');
  }
  set textContent(text: string) {
    this.childNodes = [new FakeText(text)];
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  hasChildNodes(): boolean {
    return this.childNodes.length > 0;
  }
  append(...nodes: Array<FakeNode | string>): void {
    for (const node of nodes) this.childNodes.push(typeof node === 'string' ? new FakeText(node) : node);
  }
  replaceChildren(...nodes: Array<FakeNode | string>): void {
    this.childNodes = [];
    this.append(...nodes);
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  focus(): void {}

  /** Only a tag name: what the shell asks for. */
  querySelector(tag: string): FakeElement | null {
    return this.elements().find((e) => e !== this && e.tagName === tag.toUpperCase()) ?? null;
  }

  /** This element and every element below it. */
  elements(): FakeElement[] {
    return [this, ...this.childNodes.flatMap((n) => (n instanceof FakeElement ? n.elements() : []))];
  }

  #classes(): string[] {
    return this.className.split(' ').filter(Boolean);
  }
}

export class FakeDocument {
  readonly body = new FakeElement('body');
  activeElement: FakeElement | null = null;

  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toUpperCase());
  }
  createElementNS(_ns: string, tag: string): FakeElement {
    return new FakeElement(tag.toUpperCase());
  }
  createTextNode(text: string): FakeText {
    return new FakeText(text);
  }
  getElementById(id: string): FakeElement | null {
    return this.body.elements().find((e) => e.id === id) ?? null;
  }
}

/** The page as the host serves it: the loading line, and the line for a page that cannot start (hidden). */
export function installPage(text = { loading: 'Loading…', failed: 'The wizard could not start.' }): {
  document: FakeDocument;
  root: FakeElement;
  uninstall: () => void;
} {
  const document = new FakeDocument();
  const root = document.createElement('main');
  root.setAttribute('id', 'app');
  root.setAttribute('aria-busy', 'true');
  const failed = document.createElement('p');
  failed.setAttribute('id', 'start-failed');
  failed.hidden = true;
  failed.append(text.failed);
  const loading = document.createElement('p');
  loading.append(text.loading);
  root.append(loading, failed);
  document.body.append(root);
  const global = globalThis as { document?: unknown };
  const before = global.document;
  global.document = document;
  return { document, root, uninstall: () => (global.document = before) };
}
