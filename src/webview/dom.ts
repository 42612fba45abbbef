// A tiny DOM builder: text always goes in as text (never HTML), so nothing from the pool or the user
// can inject markup; icons are fixed inline SVG strings built here.

type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
export type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'className') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const PATHS = {
  pass: 'M6.3 11.3 3 8l1-1 2.3 2.3L12 3.6l1 1z',
  error:
    'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm3.2 9.5-.7.7L8 8.7l-2.5 2.5-.7-.7L7.3 8 4.8 5.5l.7-.7L8 7.3l2.5-2.5.7.7L8.7 8z',
  warning: 'M8 1.5 15 14H1zm-.6 4.5v4h1.2V6zm0 5v1.3h1.2V11z',
  info: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm.6 11H7.4V7h1.2zm0-6H7.4V4.8h1.2z',
  copy: 'M4 4V2h10v10h-2v2H2V4zm1 0h7v7h1V3H5zM3 5v8h8V5z',
  skipped: 'M4 7.4h8v1.2H4z',
  key: 'M10.5 1a4.5 4.5 0 0 0-4.3 5.8L1 12v3h3v-1.5h1.5V12H7l1.2-1.2A4.5 4.5 0 1 0 10.5 1zm1 4.5a1 1 0 1 1 0-2 1 1 0 0 1 0 2z',
  chevronDown: 'M3.5 6 8 10.5 12.5 6l-.9-.9L8 8.7 4.4 5.1z',
} as const;
export type IconName = keyof typeof PATHS;

/** A decorative 16px icon; the meaning is always also in the text next to it. */
export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}
