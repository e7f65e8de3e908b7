// What both the server's schemas and the browser use of the chat widget's settings, without zod
// (the web bundle ships no validator): the corners, the defaults and the snippet.

export const WIDGET_POSITIONS = ['bottom-right', 'bottom-left'] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

/** The tag a site pastes before `</body>`: the loader, with the look as its options. */
export function widgetSnippet(
  origin: string,
  { color, position }: { color: string; position: WidgetPosition },
): string {
  const options = JSON.stringify({ color, position });
  return `<script async src="${origin}/widget.js" data-switchboard='${options}'></script>`;
}
