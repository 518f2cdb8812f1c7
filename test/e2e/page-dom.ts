// The few DOM shapes that page.evaluate callbacks use. The Node tsconfig has no DOM lib (on
// purpose: core code must not see `document`), so each test file declares the page's globals
// module-locally with these types, e.g. `declare const document: PageDocument;`.
export interface PageElement {
  readonly tagName: string;
  readonly innerText: string;
  textContent: string | null;
  readonly value?: string;
  readonly nextElementSibling: PageElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  append(...nodes: PageElement[]): void;
}

export interface PageDocument {
  readonly body: PageElement;
  readonly title: string;
  readonly cookie: string;
  readonly activeElement: PageElement | null;
  createElement(tag: string): PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}

export interface PageMutationObserver {
  observe(target: PageElement, options: { childList?: boolean; characterData?: boolean; subtree?: boolean }): void;
  disconnect(): void;
}
export type PageMutationObserverConstructor = new (callback: () => void) => PageMutationObserver;
