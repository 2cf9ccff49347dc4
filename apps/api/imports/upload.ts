import '@fastify/multipart';
import type { HttpRequest } from '../http/http-request.js';
import { fileTooLarge, ImportFileError, MAX_FILE_BYTES } from '#libs/roster-import';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MACRO_TYPE = 'application/vnd.ms-excel.sheet.macroenabled.12';
/**
 * The media types an import takes as the body itself. What the file is, is then told by its first bytes (a zip is
 * an xlsx, anything else is read as CSV): browsers on Windows label a .csv `application/vnd.ms-excel`.
 */
export const FILE_TYPES = [
  'text/csv',
  'application/csv',
  XLSX_TYPE,
  'application/vnd.ms-excel',
  'application/octet-stream',
];

/**
 * The form's limits: a file of at most 10 MB, a few other fields. Two files are let through to be refused by name
 * (at one, the parser would call the second one too large).
 */
const FORM_OPTIONS = {
  limits: { fileSize: MAX_FILE_BYTES, files: 2, fields: 10, parts: 12 },
  defParamCharset: 'utf8',
};

const malformedForm = (reason: string) =>
  new ImportFileError(
    400,
    'malformed_request',
    `The multipart form cannot be read (${reason}): send one file, in the field "file"`,
    `multipart 表单无法读取（${reason}）：请只上传一个文件，字段名为 file`,
  );

/** The file of an import: the `file` field of a multipart form, or the body itself. */
export function readImportFile(request: HttpRequest): Promise<{ content: Buffer; fileName?: string | undefined }> {
  return request.isMultipart() ? readFormFile(request) : readFileBody(request);
}

/** The `file` field of a multipart form, its only file; what the form's parser refuses, as the import's problems. */
async function readFormFile(request: HttpRequest): Promise<{ content: Buffer; fileName?: string | undefined }> {
  let file: { content: Buffer; fileName?: string | undefined } | undefined;
  try {
    for await (const part of request.parts(FORM_OPTIONS)) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') throw malformedForm(`unexpected field "${part.fieldname}"`);
      if (file) throw malformedForm('more than one file');
      file = { content: await part.toBuffer(), fileName: part.filename };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    // Whatever else the parser refuses is the form's fault: cut short, no boundary, too many parts or fields.
    throw malformedForm(error instanceof Error ? error.message : String(error));
  }
  if (!file) {
    throw new ImportFileError(
      400,
      'file_missing',
      'The multipart form has no file in the field "file"',
      'multipart 表单中没有 file 字段的文件',
    );
  }
  return file;
}

const mediaTypeOf = (request: HttpRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** The file name a `Content-Disposition` header gives (`filename*=UTF-8''…` first), if any. */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      return undefined;
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  // Node reads header bytes as Latin-1: a name sent as raw UTF-8 is read back as UTF-8.
  if (!name) return undefined;
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? name : utf8;
}

/**
 * The file sent as the request body itself (left unread by the body parsers): its media type must be one an
 * import takes (415 otherwise), its size at most 10 MB (413, told by `Content-Length` before anything is read,
 * or while reading).
 */
async function readFileBody(request: HttpRequest): Promise<{ content: Buffer; fileName?: string | undefined }> {
  const type = mediaTypeOf(request);
  if (type === MACRO_TYPE) {
    throw new ImportFileError(
      415,
      'macros_not_allowed',
      'A macro-enabled workbook (.xlsm) cannot be imported: save it as a plain .xlsx workbook',
      '不能导入启用宏的工作簿（.xlsm）：请另存为 .xlsx',
    );
  }
  if (!FILE_TYPES.includes(type)) {
    throw new ImportFileError(
      415,
      'unsupported_media_type',
      `Send the file as text/csv or ${XLSX_TYPE}, or in the field "file" of a multipart/form-data form`,
      `请以 text/csv 或 ${XLSX_TYPE} 发送文件，或放在 multipart/form-data 表单的 file 字段中`,
      { accepted: [...FILE_TYPES, 'multipart/form-data'] },
    );
  }
  const fileName = dispositionFileName(request.headers['content-disposition']);
  const declared = Number(request.headers['content-length']);
  const tooLarge = () => {
    request.raw.resume(); // the rest is read and dropped, so that the client reads the answer
    return fileTooLarge();
  };
  if (declared > MAX_FILE_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  // Stopping early must leave the request open: the rest is drained and the client reads the 413.
  for await (const chunk of request.raw.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FILE_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return { content: Buffer.concat(chunks), fileName };
}
