// Not a port: the few DOM calls the webview's shell and its steps make, as a small tree in plain Node (no
// browser), and the page the host serves (src/editor/webviewHtml.ts) built in it. Installed on globalThis
// while a test runs. Selectors: a tag, #id, .class and [attr=value], combined in one compound (no spaces).

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

  /** What the step code sets and reads as properties (a form control's state, data-* attributes). */
  readonly dataset: Record<string, string> = {};
  checked = false;
  disabled = false;
  #value: string | undefined;

  constructor(readonly tagName: string) {}

  /** An input's value: the `value` attribute until something sets it, as in a browser. */
  get value(): string {
    return this.#value ?? this.attributes.get('value') ?? '';
  }
  set value(text: string) {
    this.#value = text;
  }
  get type(): string {
    return this.attributes.get('type') ?? '';
  }
  set type(value: string) {
    this.attributes.set('type', value);
  }

  get id(): string {
    return this.attributes.get('id') ?? '';
  }
  set id(value: string) {
    this.attributes.set('id', value);
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
  /** A <details>' state, reflected as its attribute. */
  get open(): boolean {
    return this.attributes.has('open');
  }
  set open(value: boolean) {
    if (value) this.attributes.set('open', '');
    else this.attributes.delete('open');
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
  focus(): void {
    const document = (globalThis as unknown as { document?: FakeDocument }).document;
    if (document) document.activeElement = this;
  }

  /** Runs the listeners of an event of this type (no bubbling: the steps listen on the element itself). */
  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ type, target: this });
  }
  dispatchEvent(event: { type: string }): boolean {
    this.dispatch(event.type);
    return true;
  }
  /** A click, as a user makes it: a disabled control does nothing. */
  click(): void {
    if (!this.disabled) this.dispatch('click');
  }

  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  querySelectorAll(selector: string): FakeElement[] {
    return this.elements().filter((e) => e !== this && e.matches(selector));
  }
  matches(selector: string): boolean {
    const parts = selector.match(/^[a-z][a-z0-9]*|#[\w-]+|\.[\w-]+|\[[^\]]+\]/gi) ?? [];
    return parts.every((part) => {
      if (part.startsWith('#')) return this.id === part.slice(1);
      if (part.startsWith('.')) return this.classList.contains(part.slice(1));
      if (part.startsWith('[')) {
        const [name, value] = part.slice(1, -1).split('=') as [string, string | undefined];
        const actual = name === 'value' ? this.value : this.getAttribute(name);
        return value === undefined ? actual !== null : actual === value.replace(/^['"]|['"]$/g, '');
      }
      return this.tagName === part.toUpperCase();
    });
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
