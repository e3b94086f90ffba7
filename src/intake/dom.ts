/**
 * The little of the DOM that extraction reads, typed here because the project compiles without
 * the browser's `lib.dom` (Node code must not see `window` or `document` globals). linkedom's
 * objects satisfy it.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentNode: DomElement | null;
  readonly previousSibling: DomNode | null;
  readonly nextSibling: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly children: ArrayLike<DomElement> & Iterable<DomElement>;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  readonly nextElementSibling: DomElement | null;
  readonly lastElementChild: DomElement | null;
  readonly parentElement: DomElement | null;
  closest(selector: string): DomElement | null;
  matches(selector: string): boolean;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  /** Puts `node` in this element's place among its children, in place of `child`. */
  replaceChild(node: DomNode, child: DomNode): void;
  appendChild(node: DomNode): void;
  readonly ownerDocument: { createElement(tag: string): DomElement };
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
