"""WCAG contrast of every visible text in a part of the page, from computed styles.

In the page: each element with its own visible text (not disabled: WCAG exempts inactive
controls) gets its colour composited over its background, found by walking up the ancestors
(semi-transparent backgrounds are composited in turn, the page itself counting as opaque);
the ratio is WCAG 2's ((L1 + 0.05) / (L2 + 0.05)). Large text (24 px, or 18.66 px bold)
needs 3:1, the rest 4.5:1 (AA). The same helpers measure a focus ring against the control
and the page (``focus_ring``)."""

from __future__ import annotations

_HELPERS_JS = r"""
  const parse = c => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const background = el => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const bg = parse(getComputedStyle(n).backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push(bg);
        if (bg[3] >= 1) break;
      }
    }
    let color = [255, 255, 255, 1];
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
  };
"""

CONTRAST_JS = (
    "(selectors) => {\n"
    + _HELPERS_JS
    + r"""
  const results = [];
  for (const root of selectors.flatMap(s => [...document.querySelectorAll(s)])) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(' ');
      const isInput = el.matches('input[type=text], textarea, select');
      const text = isInput ? (el.value || '') : own;
      if (!text || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (el.closest('[disabled], [aria-disabled=true]') || el.matches(':disabled')) continue;
      const style = getComputedStyle(el);
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      results.push({
        text: text.slice(0, 50), ratio: ratio(fg, bg), need: large ? 3 : 4.5,
        testid: el.closest('[data-testid]')?.dataset.testid ?? '', cls: el.className && String(el.className).slice(0, 60),
      });
    }
  }
  return results;
}
"""
)

# The focus ring of a control (its outline): how it is drawn, and its contrast with the control's
# own colour and with the page around it (WCAG 2.4.13 asks 3:1 of a focus indicator).
FOCUS_RING_JS = (
    "(el) => {\n"
    + _HELPERS_JS
    + r"""
  const style = getComputedStyle(el);
  const page = background(el.parentElement);
  const control = background(el);
  const ring = over(parse(style.outlineColor), page);
  return {
    style: style.outlineStyle, width: parseFloat(style.outlineWidth), offset: parseFloat(style.outlineOffset),
    vs_control: ratio(ring, control), vs_page: ratio(ring, page),
  };
}
"""
)


def focus_ring(locator) -> dict:
    """The focused control's ring: style, width, offset, and its contrast with the control and the page."""
    return locator.evaluate(FOCUS_RING_JS)


def contrast_failures(page, *selectors: str) -> list[dict]:
    """The texts under `selectors` below WCAG AA, with their ratio (an empty list: all pass)."""
    results = page.evaluate(CONTRAST_JS, list(selectors))
    assert results, f"no visible text under {selectors}"
    return [r for r in results if r["ratio"] < r["need"]]
