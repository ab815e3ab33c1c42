/** A tiny element builder for the views (plain DOM keeps the bundle small). */
type AttrValue = string | number | boolean | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children);
  return element;
}

/** Replace an element's children. */
export function setChildren(parent: Element, ...children: Array<Node | string>): void {
  parent.replaceChildren(...children);
}

/**
 * Give `parent` these children, touching the DOM only when they differ, and keep the keyboard
 * focus where it was when its element stays: re-rendering never drops the focus to the page.
 */
export function syncChildren(parent: Element, ...children: Array<Node | string>): void {
  const now = [...parent.childNodes];
  if (now.length === children.length && children.every((child, i) => child === now[i])) {
    return;
  }
  const focused = document.activeElement;
  const hadFocus = focused instanceof HTMLElement && parent.contains(focused);
  parent.replaceChildren(...children);
  if (hadFocus && focused !== document.activeElement && parent.contains(focused)) {
    focused.focus();
  }
}
