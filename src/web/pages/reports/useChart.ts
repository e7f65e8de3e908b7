// A uPlot chart drawn into a box on the Reports page: the drawing module is loaded on first use
// (uPlot stays out of the app's main script), coloured from the box's computed styles, and drawn
// again when the data or the theme changes (the colours are painted into the canvas).
import { useEffect, useRef } from 'preact/hooks';
import { useMediaQuery } from '../../hooks/useMediaQuery.js';
import { useReadable } from '../../hooks/useReadable.js';
import { themeChoice } from '../../state/preferences.js';
import type { ChartColors } from './drawRatings.js';

/** Draws into the returned ref's element; `draw` gives back the chart's removal. */
export function useChart<T extends HTMLElement = HTMLDivElement>(
  load: () => Promise<(container: HTMLElement, colors: ChartColors) => () => void>,
  dataKey: string,
) {
  const box = useRef<T>(null);
  const theme = useReadable(themeChoice);
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  useEffect(() => {
    const container = box.current;
    if (!container) return;
    let remove: (() => void) | undefined;
    let cancelled = false;
    void load().then((draw) => {
      if (cancelled) return;
      const style = getComputedStyle(container);
      remove = draw(container, {
        bar: style.accentColor,
        text: style.color,
        grid: style.borderTopColor,
      });
    });
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [dataKey, theme, dark]);
  return box;
}
