// The focus indicator of the focused element as a person sees it (WCAG 1.4.11, non-text contrast): the
// colour of its outline, or of the ring its box-shadow draws around it, against what is behind it.
import type { Page } from 'playwright-core';

export interface FocusRing {
  /** The element, as a short description: its tag, role and accessible text. */
  element: string;
  /** The ring as drawn (its colour over the background), and the background, as rgb(). */
  ring: string | null;
  background: string;
  /** The contrast of the ring against the background; 1 when there is no ring at all. */
  ratio: number;
}

/** The focus ring of the element that has the focus now, or null when the body has it. */
export function focusRingOfActive(page: Page): Promise<FocusRing | null> {
  return page.evaluate(async () => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    // The ring fades in (a transition on box-shadow): read it once it is drawn in full.
    await Promise.race([
      Promise.all(element.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]);
    type Rgba = [number, number, number, number];
    // Any CSS colour (oklch, oklab, color-mix) in sRGB, as the browser paints it: through a canvas.
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const rgba = (colour: string): Rgba => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = 'rgba(0, 0, 0, 0)';
      context.fillStyle = colour;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const [r, g, b, a] = top;
      return [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a), 1];
    };
    // What the ring is drawn on: the element's surroundings, layer by layer down to the page's white.
    const layers: Rgba[] = [];
    for (let node = element.parentElement; node; node = node.parentElement) {
      const layer = rgba(getComputedStyle(node).backgroundColor);
      if (layer[3] > 0) layers.push(layer);
      if (layer[3] >= 1) break;
    }
    const background = layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);

    const style = getComputedStyle(element);
    let colour: string | null = null;
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) colour = style.outlineColor;
    else {
      // A ring is a box-shadow with no offset and no blur that spreads out (Tailwind's ring-*): the widest.
      const shadows = [
        ...style.boxShadow.matchAll(
          /([a-z-]+\([^()]*(?:\([^()]*\)[^()]*)*\)|#[0-9a-f]+|[a-z]+) (-?[\d.]+)px (-?[\d.]+)px (-?[\d.]+)px (-?[\d.]+)px(?! inset)/gi,
        ),
      ]
        .map((match) => ({
          colour: match[1],
          x: +match[2],
          y: +match[3],
          blur: +match[4],
          spread: +match[5],
        }))
        .filter((shadow) => shadow.x === 0 && shadow.y === 0 && shadow.blur === 0 && shadow.spread > 0)
        .filter((shadow) => rgba(shadow.colour)[3] > 0)
        .sort((a, b) => b.spread - a.spread);
      colour = shadows[0]?.colour ?? null;
    }
    const luminance = ([r, g, b]: Rgba) => {
      const linear = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const text = (c: Rgba) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
    const ring = colour ? over(rgba(colour), background) : null;
    const [light, dark] = ring
      ? [luminance(ring), luminance(background)].sort((a, b) => b - a)
      : [luminance(background), luminance(background)];
    const name =
      element.getAttribute('aria-label') ??
      element.textContent?.replace(/\s+/g, ' ').trim().slice(0, 40) ??
      element.getAttribute('name') ??
      '';
    return {
      element: `<${element.tagName.toLowerCase()}${element.getAttribute('role') ? ` role=${element.getAttribute('role')}` : ''}${element.getAttribute('type') ? ` type=${element.getAttribute('type')}` : ''}> ${name || element.id}`,
      ring: ring ? text(ring) : null,
      background: text(background),
      ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
    };
  });
}

/**
 * Tabs through the page from its top, once around, and returns the focus ring of every control the
 * focus stopped on (at most `limit` stops).
 */
export async function tabThroughFocusRings(page: Page, limit = 60): Promise<FocusRing[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const seen = new Set<string>();
  const rings: FocusRing[] = [];
  for (let stop = 0; stop < limit; stop += 1) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      // A path of child indexes: the same element twice means the focus came around.
      const path: number[] = [];
      for (let node: Element | null = element; node?.parentElement; node = node.parentElement)
        path.push([...node.parentElement.children].indexOf(node));
      return path.join('.');
    });
    if (key === null) continue;
    if (seen.has(key)) break;
    seen.add(key);
    const ring = await focusRingOfActive(page);
    if (ring) rings.push(ring);
  }
  return rings;
}
