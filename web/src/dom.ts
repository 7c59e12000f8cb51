/**
 * The only way this page builds DOM. Names, quotes and titles come from documents and are untrusted, so
 * text is always set through `textContent` and attributes one by one; nothing is ever parsed as HTML.
 */
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A link to a source, only for http(s) URLs: a `javascript:` URL in a document must never become a link. */
export function safeLink(href: string | undefined, text: string): HTMLElement {
  if (href === undefined) return el('span', { text });
  let url: URL;
  try {
    url = new URL(href, window.location.origin);
  } catch {
    return el('span', { text });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return el('span', { text });
  return el('a', { text, attrs: { href: url.href, target: '_blank', rel: 'noopener noreferrer' } });
}

export function clear(node: Element): void {
  node.replaceChildren();
}
