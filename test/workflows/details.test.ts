import { escapeMarkdown } from '../../workflows/markdown';

test('a fix text shown in the UI keeps its <TypeNo>, its underscores and its --options instead of rendering them as markup', () => {
  const fix = 'map one: ledgerbridge mappings set acme voucher-type salesInvoice=<TypeNo> (account_no *3000*)';
  const shown = escapeMarkdown(fix);
  expect(shown).toBe('map one: ledgerbridge mappings set acme voucher\\-type salesInvoice=\\<TypeNo\\> (account\\_no \\*3000\\*)');
  // Markdown drops the backslashes again: what the operator reads is the text itself.
  expect(shown.replace(/\\(.)/g, '$1')).toBe(fix);
});
