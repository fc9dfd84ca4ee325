/**
 * Voucher documents (PDF) into 24SevenOffice: AttachmentService Create → AppendChunk… → Save (API doc §10).
 * Create makes a "ghost file" that only exists after Save; the stamp number it carries is what entries
 * reference in Entry.StampNo.
 */
import { ConnectorError } from '../errors';
import type { Session } from './session';
import { items, readNumber } from './wire';

/** Raw bytes per AppendChunk. Base64 adds a third; stays well under the usual ASP.NET request limit (4 MB). */
const CHUNK_BYTES = 512 * 1024;

export type AttachmentLocation = 'Journal' | 'Retrieval' | 'Scanning';

export interface UploadedAttachment {
  fileId: number;
  stampNo: number;
}

export async function uploadAttachment(
  session: Session,
  pdf: Uint8Array,
  options: { location?: AttachmentLocation } = {},
): Promise<UploadedAttachment> {
  if (pdf.length === 0) throw new ConnectorError('ValidationFailed', 'uploadAttachment: the document is empty; nothing was sent');
  if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new ConnectorError('ValidationFailed', 'uploadAttachment: the document is not a PDF (it does not start with %PDF-); nothing was sent');
  }
  const created = (await session.call('attachment', 'Create', { type: 'Pdf' })).CreateResult as Record<string, unknown> | undefined;
  const fileId = readNumber(created?.Id);
  if (!fileId) throw new ConnectorError('MalformedResponse', `AttachmentService Create for tenant ${session.tenant} returned no file id`);
  // ImageFile's required fields, in WSDL order; the service identifies the ghost file by Id.
  const file = { Id: fileId, Type: 'Pdf', StampNo: readNumber(created?.StampNo) ?? 0 };
  const bytes = Buffer.from(pdf);
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
    await session.call('attachment', 'AppendChunk', { file, buffer: chunk.toString('base64'), offset });
  }
  await session.call('attachment', 'Save', { file, location: options.location ?? 'Journal' });
  const stampNo = file.StampNo > 0 ? file.StampNo : await stampNoOf(session, fileId);
  return { fileId, stampNo };
}

/** When Create did not carry the stamp number yet, the saved file does (GetFileInfo by FileId). */
async function stampNoOf(session: Session, fileId: number): Promise<number> {
  // HasStampNo and FileApproved are required but nillable: xsi:nil ("either"), never left out.
  const res = await session.call('attachment', 'GetFileInfo', { parameters: { FileId: { int: [fileId] }, HasStampNo: null, FileApproved: null } });
  const stampNo = readNumber(items<Record<string, unknown>>(res.GetFileInfoResult, 'ImageFile')[0]?.StampNo);
  if (!stampNo) throw new ConnectorError('MalformedResponse', `AttachmentService for tenant ${session.tenant}: file ${fileId} was saved but has no stamp number`);
  return stampNo;
}
