/**
 * Text from elsewhere (problems, reasons, the commands inside them) in the Temporal UI's Markdown, shown as typed:
 * `<TypeNo>` must not vanish as an HTML tag, and the UI's renderer turns `--source` into an en dash unless escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|-]/g, (c) => `\\${c}`);
}
