/**
 * The editor's page, in CSS pixels, for code that must lay out what the
 * author saw without a browser (the PDF export's table columns). Keep in
 * step with `.sheet` in client/styles/brief-page.css: 760 px wide, border-box,
 * 64 px of padding and a 1 px border each side.
 */
export const EDITOR_TEXT_WIDTH_PX = 760 - 2 * 64 - 2 * 1;

/** The narrowest a table column is drawn in the editor (Tiptap's `cellMinWidth` default). */
export const EDITOR_CELL_MIN_WIDTH_PX = 25;
