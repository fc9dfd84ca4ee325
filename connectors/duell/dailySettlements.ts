/** Z-reports (daily-settlements) of a department, and the PDF DUELL keeps of each. */
import { zReportLabel } from '../../domain/settlement/zReport';
import { ConnectorError } from '../errors';
import type { Duell, ZReportFrom, ZReportPage, ZReportPdf } from './api';
import { numbered, segment, type DuellClient } from './client';
import { dailySettlementSchema } from './wire';

export async function* zReports(client: DuellClient, departmentId: string, from: ZReportFrom): AsyncGenerator<ZReportPage> {
  const path = `/departments/${segment(departmentId)}/daily-settlements`;
  const label = numbered('Z', ` of department ${departmentId}`);
  for await (const page of client.pages('daily-settlements', path, 'daily-settlements', dailySettlementSchema, label, { ...from })) {
    yield { reports: page.map((s) => s.report), changedUntil: page.map((s) => s.changedAt).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) };
  }
}

const PDF_MAGIC = Buffer.from('%PDF-');

export async function zReportPdf(client: DuellClient, report: Parameters<Duell['zReportPdf']>[0]): Promise<ZReportPdf> {
  const what = `the PDF of ${zReportLabel(report)}`;
  if (!report.pdfId) {
    throw new ConnectorError('Rejected', `DUELL has no PDF for ${zReportLabel(report)} (${client.where}); open the report in DUELL Backoffice, ` +
      'print it to PDF and attach it to the voucher by hand');
  }
  const res = await client.file('z-report-pdf', `/files/${segment(report.pdfId)}`, 'application/pdf');
  const contentType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/pdf' || !res.body.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw new ConnectorError('MalformedResponse', `DUELL z-report-pdf (${client.where}) answered ${what} with ${contentType || 'no content type'} ` +
      `and ${res.body.length} bytes that ${res.body.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC) ? 'are' : 'are not'} a PDF; ` +
      'ask DUELL support (model: connectors/duell/README.md)');
  }
  return { contentType: 'application/pdf', bytes: res.body, fileName: `Z-${report.departmentId}-${report.number}-${report.date}.pdf` };
}
