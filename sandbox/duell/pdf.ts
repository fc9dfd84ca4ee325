/**
 * The PDF DUELL keeps of each Z-report, written by hand: one A4 page of Helvetica text with the report's totals.
 * Small and valid (header, objects, a cross-reference table with exact offsets, trailer), so a PDF reader opens
 * it and the connector's checks (content type, `%PDF-`) see what a real one looks like. No dependency for this.
 */
import { formatMinor } from '../../domain/money';
import type { ZReport } from '../../domain/settlement/zReport';

export function zReportPdf(z: ZReport, departmentName: string): Buffer {
  const lines = [
    `Z-rapport ${z.number} - ${departmentName} (${z.departmentId})`,
    `Dato ${z.date}${z.time ? ` ${z.time}` : ''}${z.registerId ? `, kasse ${z.registerId}` : ''}, signert av ${z.signedBy}`,
    '',
    `Brutto salg ${formatMinor(z.sales.gross)} ${z.currency}, netto ${formatMinor(z.sales.net)}`,
    ...z.sales.vat.map((v) => `MVA kode ${v.code} (${v.rate} %): grunnlag ${formatMinor(v.base)}, mva ${formatMinor(v.vat)}`),
    '',
    ...z.payments.map((p) => `Betaling ${p.type}: ${p.count} stk, ${formatMinor(p.amount)}`),
    `Kontant: inngang ${formatMinor(z.cash.openingFloat)}, forventet ${formatMinor(z.cash.expected)}, telt ${formatMinor(z.cash.counted)}, ` +
      `bank ${formatMinor(z.cash.bankWithdrawal)}, differanse ${formatMinor(z.cash.difference)}`,
    `Avrunding ${formatMinor(z.rounding)}, tips ${formatMinor(z.tips)}, kvitteringer ${z.receipts}`,
  ];
  return onePageTextPdf(lines);
}

/** Text in WinAnsi (latin1): æøå print as they should. */
function onePageTextPdf(lines: string[]): Buffer {
  const text = lines.flatMap((l, i) => (l ? [`BT /F1 10 Tf 50 ${790 - i * 14} Td (${escapePdfText(l)}) Tj ET`] : [])).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function escapePdfText(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, '?');
}
