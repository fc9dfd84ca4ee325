/**
 * AttachmentService (§10, namespace B): Create a "ghost file", AppendChunk at increasing offsets, Save it to a
 * location; only saved files are visible to GetFileInfo. [INFERRED] Create assigns the stamp number (put it on
 * Entry.StampNo); a chunk at the wrong offset is a fault.
 */
import { SoapFault } from '../envelope';
import type { AttachmentRecord, Books, Row } from '../state';
import { requireCaller, timeMs, type OpHandler } from './context';

const MAX_CHUNK_BYTES = 4 * 1024 * 1024; // GetMaxRequestLength is 4096 kB on a default ASMX host [INFERRED]

function attachment(books: Books, file: unknown): AttachmentRecord {
  const id = (file as Row | undefined)?.Id;
  const found = books.attachments.find((a) => a.file.Id === id);
  if (!found) throw new SoapFault(`The file ${String(id)} does not exist`);
  return found;
}

export const attachmentOps: Record<string, OpHandler> = {
  Create(ctx, args) {
    const { books } = requireCaller(ctx);
    const file: Row = { Id: books.next.file++, Type: args.type ?? 'Unknown', StampNo: books.next.stamp++, FrameInfo: [], ContactId: [] };
    books.attachments.push({ file, content: Buffer.alloc(0), saved: false, registeredAt: ctx.now.toISOString() });
    return { ...file };
  },

  AppendChunk(ctx, args) {
    const { books } = requireCaller(ctx);
    const a = attachment(books, args.file);
    if (a.saved) throw new SoapFault(`The file ${String(a.file.Id)} is already saved`);
    const buffer = (args.buffer as Buffer | undefined) ?? Buffer.alloc(0);
    if (buffer.length > MAX_CHUNK_BYTES) throw new SoapFault(`The chunk is larger than the maximum request length (${MAX_CHUNK_BYTES / 1024} kB)`);
    if (args.offset !== a.content.length) throw new SoapFault(`Invalid offset ${String(args.offset)}: the file has ${a.content.length} bytes`);
    a.content = Buffer.concat([a.content, buffer]);
    return undefined;
  },

  Save(ctx, args) {
    const { books } = requireCaller(ctx);
    const a = attachment(books, args.file);
    if (a.content.length === 0) throw new SoapFault(`The file ${String(a.file.Id)} is empty`);
    a.saved = true;
    a.location = String(args.location);
    a.file.FrameInfo = [{ Id: 1, Uri: `/attachments/${String(a.file.Id)}`, StampNo: a.file.StampNo, Status: 0 }];
    return undefined;
  },

  GetFileInfo(ctx, args) {
    const { books } = requireCaller(ctx);
    const p = (args.parameters ?? {}) as Row;
    const ids = (p.FileId as number[] | undefined) ?? [];
    const stamps = (p.StampNo as number[] | undefined) ?? [];
    const after = timeMs(p.AttachmentRegisteredAfter as string | undefined);
    return books.attachments
      .filter((a) => a.saved)
      .filter((a) => (ids.length === 0 || ids.includes(a.file.Id as number)) && (stamps.length === 0 || stamps.includes(a.file.StampNo as number)))
      .filter((a) => after === undefined || timeMs(a.registeredAt)! > after)
      .filter((a) => p.HasStampNo === undefined || p.HasStampNo === (a.file.StampNo as number) > 0)
      .map((a) => ({ ...a.file }));
  },
};
