/** One upload form of the records page, as a browser would submit it. */
export interface UploadForm {
  /** The record type the form uploads (its `data-record-type`). */
  type: string;
  method: string;
  enctype: string;
  action: string;
  /** Every hidden input, in document order. */
  fields: Array<[name: string, value: string]>;
  /** The name of the file input. */
  fileField: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

export const unescapeHtml = (value: string): string =>
  value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
  return value === undefined ? undefined : unescapeHtml(value);
}

/** Every form of the page with its action, hidden fields and file input (a small parser for this markup). */
export function uploadForms(html: string): UploadForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, attributes, inner]) => {
    const tag = `<form ${attributes}>`;
    const inputs = [...inner!.matchAll(/<input\b[^>]*>/gi)].map(([input]) => input);
    const type = attribute(tag, 'data-record-type');
    const fileInput = inputs.find((input) => attribute(input, 'type') === 'file');
    if (!type || !fileInput) throw new Error(`Not an upload form: ${tag}`);
    return {
      type,
      method: attribute(tag, 'method') ?? '',
      enctype: attribute(tag, 'enctype') ?? '',
      action: attribute(tag, 'action') ?? '',
      fields: inputs
        .filter((input) => attribute(input, 'type') === 'hidden')
        .map((input): [string, string] => [attribute(input, 'name') ?? '', attribute(input, 'value') ?? '']),
      fileField: attribute(fileInput, 'name') ?? '',
    };
  });
}

export function formFor(forms: readonly UploadForm[], type: string): UploadForm {
  const form = forms.find((candidate) => candidate.type === type);
  if (!form) throw new Error(`No upload form for ${type}`);
  return form;
}

export const fieldOf = (form: UploadForm, name: string): string | undefined =>
  form.fields.find(([field]) => field === name)?.[1];

/**
 * Submits a form as a browser does: multipart/form-data with every hidden field, then the file
 * last (S3 ignores fields after the file). Redirects are not followed, so the 303 can be checked.
 */
export function submitUploadForm(
  form: UploadForm,
  file: { content: Buffer; fileName: string; contentType: string },
): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of form.fields) body.append(name, value);
  body.append(
    form.fileField,
    new Blob([new Uint8Array(file.content)], { type: file.contentType }),
    file.fileName,
  );
  return fetch(form.action, { method: 'POST', body, redirect: 'manual' });
}

/** The directive of a Content-Security-Policy header, as a list of sources. */
export function cspDirective(header: string | null, name: string): string[] | undefined {
  const directive = (header ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return directive?.slice(1);
}

/** The checklist rows of the page: record type → its words (required or optional, received or not yet). */
export function checklistRows(html: string): Map<string, { required: string; status: string }> {
  const rows = new Map<string, { required: string; status: string }>();
  for (const [, type, row] of html.matchAll(/<tr data-record-type="([a-z-]+)">([\s\S]*?)<\/tr>/gi)) {
    const cells = [...row!.matchAll(/<td>([\s\S]*?)<\/td>/gi)].map(([, cell]) => unescapeHtml(cell!.trim()));
    rows.set(type!, { required: cells[0]!, status: cells[1]! });
  }
  return rows;
}

/** The refused files the page lists: "<record type's words>: <reason>". */
export function refusedItems(html: string): string[] {
  return [...html.matchAll(/<li data-record-type="[a-z-]+">([\s\S]*?)<\/li>/gi)].map(([, item]) =>
    unescapeHtml(item!.trim()),
  );
}

/** The notice of the file the browser came back from: its class (checking, received, refused) and words. */
export function returnedNotice(html: string): { outcome: string; text: string } | undefined {
  const match = /<div class="notice ([a-z]+)" role="status">\s*<p>([\s\S]*?)<\/p>/i.exec(html);
  return match ? { outcome: match[1]!, text: unescapeHtml(match[2]!.trim()) } : undefined;
}
