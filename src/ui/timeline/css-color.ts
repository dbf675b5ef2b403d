/**
 * A colour of the stylesheet as a canvas can use it: uPlot draws on a canvas, which knows nothing of CSS variables,
 * and the theme's colours are light-dark() pairs that only an element's computed style resolves.
 */
export function cssColor(within: HTMLElement, variable: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${variable})`;
  within.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
