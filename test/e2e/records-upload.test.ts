import { REFUSAL_REASONS } from '../../functions/domain/record-checks/reasons.js';
import { eventTypes, insured } from '../support/stack/insurance.js';
import { FILES } from '../support/files.js';
import { HOSTILE_PDF, HOSTILE_TEXT } from '../support/hostile-files.js';
import { isRecordsRequest, objectExists, uploadLinkIn } from '../support/stack/records-email.js';
import {
  checklistRows,
  cspDirective,
  fieldOf,
  formFor,
  refusedItems,
  returnedNotice,
  submitUploadForm,
  uploadForms,
  type UploadForm,
} from '../support/stack/upload-page.js';
import { postForm, submitIntake, viewCase, waitForEmail, type Created } from '../support/stack/inbox.js';
import { pollUntil } from '../support/poll.js';
import {
  announceRecord,
  listRecords,
  putFile,
  REQUIRED_RECORD_TYPES,
  waitForRecords,
  type RecordsView,
} from '../support/stack/records.js';
import { assignmentRequest, matchProposal, waitForProposal } from '../support/stack/review.js';
import { STACK_MS, useTestStack } from '../support/stack/use-test-stack.js';
import { withTamperedSig } from '../support/signatures.js';

const TEST_MS = 45_000;
const PHYSICIAN = 'lee@clinic.example';
const ALL_TYPES = [
  ...REQUIRED_RECORD_TYPES,
  'genetic-testing',
  'medication-list',
  'discharge-summary',
  'prior-treatments',
  'other',
];

describe('records uploaded over HTTP: presigned PUTs and the upload page forms', () => {
  const stack = useTestStack({ settings: { CONCORD_RECORDS_REMINDER_SECONDS: '600' } });
  let theCase: Created;
  let link: string;
  let s3Origin: string;

  const api = () => [stack.urls.api, theCase.caseId, theCase.accessToken] as const;

  /** Opens the page afresh (each form carries a fresh key) and answers its forms and HTML. */
  async function openPage(): Promise<{ response: Response; html: string; forms: UploadForm[] }> {
    const response = await fetch(link);
    const html = await response.text();
    return { response, html, forms: response.status === 200 ? uploadForms(html) : [] };
  }

  async function checklistJson(): Promise<RecordsView> {
    const response = await fetch(link, { headers: { Accept: 'application/json' } });
    if (response.status !== 200) throw new Error(`GET ${link} as JSON answered ${response.status}`);
    return (await response.json()) as RecordsView;
  }

  /** Posts a file through the page's form for `type`, as a browser would; answers the 303 and the page it leads to. */
  async function uploadThroughPage(type: string, content: Buffer, fileName: string, contentType: string) {
    const form = formFor((await openPage()).forms, type);
    const posted = await submitUploadForm(form, { content, fileName, contentType });
    const location = posted.headers.get('location');
    const back = location ? await fetch(location) : undefined;
    return { form, posted, location, back };
  }

  beforeAll(async () => {
    s3Origin = new URL(stack.urls.s3).origin;
    theCase = await submitIntake(stack, insured('acme-health'));
    const request = await waitForEmail(
      stack,
      isRecordsRequest(theCase.caseId, PHYSICIAN),
      'the records request to the physician',
    );
    link = uploadLinkIn(stack, request);
  }, STACK_MS);

  it('serves the upload page under a CSP whose form-action allows this origin and the S3 origin only', async () => {
    // Act
    const { response, html } = await openPage();
    const head = await fetch(link, { method: 'HEAD' });

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy');
    expect(cspDirective(csp, 'form-action')).toEqual(["'self'", s3Origin]);
    expect(cspDirective(csp, 'default-src')).toEqual(["'none'"]);
    expect(cspDirective(csp, 'script-src')).toBeUndefined();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain(theCase.caseId);
    expect(html).not.toMatch(/<script/i);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('shows every type with required ones marked, none received yet, and one plain multipart form per type', async () => {
    // Act
    const { html, forms } = await openPage();

    // Assert
    const rows = checklistRows(html);
    expect([...rows.keys()]).toEqual(ALL_TYPES);
    for (const type of ALL_TYPES) {
      expect(rows.get(type)).toEqual({
        required: (REQUIRED_RECORD_TYPES as readonly string[]).includes(type) ? 'Required' : 'Optional',
        status: 'Not yet',
      });
    }
    expect(forms.map((form) => form.type)).toEqual(ALL_TYPES);
    for (const form of forms) {
      expect(form.method).toBe('post');
      expect(form.enctype).toBe('multipart/form-data');
      expect(new URL(form.action).origin).toBe(s3Origin);
      expect(form.fileField).toBe('file');
      expect(fieldOf(form, 'key')).toMatch(
        new RegExp(`^cases/${theCase.caseId}/records/${form.type}/[A-Za-z0-9_-]{44}$`),
      );
      expect(fieldOf(form, 'success_action_redirect')).toBe(link);
      expect(fieldOf(form, 'Policy')).toEqual(expect.any(String));
      expect(fieldOf(form, 'X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(forms.map((form) => fieldOf(form, 'key'))).size).toBe(forms.length);
  });

  it('opening and reloading the page writes nothing', async () => {
    // Arrange
    const before = await viewCase(stack, theCase);

    // Act
    await openPage();
    await openPage();
    await fetch(link, { method: 'HEAD' });
    const json = await checklistJson();

    // Assert
    expect(json).toMatchObject({ caseId: theCase.caseId, complete: false, records: [] });
    expect(await viewCase(stack, theCase)).toEqual(before);
  });

  it(
    'refuses hostile files posted through the page (a program, an HTML application as text, a PDF running JavaScript), showing each reason',
    async () => {
      // Act
      const posts = [];
      for (const [content, fileName, contentType] of [
        [FILES.elf(), 'labs.pdf', 'application/pdf'],
        [Buffer.from(HOSTILE_TEXT.hta), 'labs.txt', 'text/plain'],
        [HOSTILE_PDF.openActionJavaScript(), 'labs.pdf', 'application/pdf'],
      ] as const) {
        posts.push(await uploadThroughPage('lab-results', content, fileName, contentType));
      }
      await waitForRecords(
        ...api(),
        (view) => view.records.filter((r) => r.status === 'refused').length === 3,
      );
      const { html } = await openPage();
      const returned = await fetch(posts[0]!.location!);

      // Assert
      for (const { posted, location, back } of posts) {
        expect(posted.status).toBe(303);
        expect(location!.startsWith(`${link}&`) || location === link).toBe(true);
        expect(back!.status).toBe(200);
      }
      expect(returnedNotice(await returned.text())).toEqual({
        outcome: 'refused',
        text: `Your file for Lab results could not be accepted. ${REFUSAL_REASONS.executable}`,
      });
      expect(refusedItems(html).sort()).toEqual(
        [REFUSAL_REASONS.executable, REFUSAL_REASONS['text-markup'], REFUSAL_REASONS['pdf-active-content']]
          .map((reason) => `Lab results: ${reason}`)
          .sort(),
      );
      expect(checklistRows(html).get('lab-results')?.status).toBe('Not yet');
      for (const { form } of posts) expect(await objectExists(stack, fieldOf(form, 'key')!)).toBe(false);
      const refused = (await viewCase(stack, theCase)).timeline.filter((e) => e.type === 'record-refused');
      expect(refused.map((event) => event.detail).sort()).toEqual(
        ['lab-results: executable', 'lab-results: pdf-active-content', 'lab-results: text-markup'].sort(),
      );
    },
    TEST_MS,
  );

  it(
    'takes files PUT to presigned URLs: the pathology report (PDF) and imaging (DICOM)',
    async () => {
      // Act
      const grants = [];
      for (const [type, content, contentType] of [
        ['pathology-report', FILES.pdf(), 'application/pdf'],
        ['imaging', FILES.dicom(), 'application/dicom'],
      ] as const) {
        const grant = await announceRecord(...api(), {
          type,
          fileName: `${type}.bin`,
          contentType,
          sizeBytes: content.length,
        });
        const put = await putFile(grant, content);
        grants.push({ type, grant, status: put.status });
      }
      const view = await waitForRecords(
        ...api(),
        (current) => ['pathology-report', 'imaging'].every((type) => !current.missing.includes(type)),
        'the two PUT records counted',
      );

      // Assert
      for (const { type, grant, status } of grants) {
        expect(status).toBe(200);
        expect(grant.method).toBe('PUT');
        expect(new URL(grant.uploadUrl).origin).toBe(s3Origin);
        expect(new URL(grant.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toMatch(
          /content-length.*content-type|content-type.*content-length/,
        );
        expect(view.records.find((record) => record.recordId === grant.recordId)).toMatchObject({
          type,
          status: 'received',
        });
        expect(await objectExists(stack, `cases/${theCase.caseId}/records/${type}/${grant.recordId}`)).toBe(
          true,
        );
      }
    },
    TEST_MS,
  );

  it(
    'takes files posted through the page forms (303 back to the page), and the case moves on to matching a specialist',
    async () => {
      // Act
      const uploads = [];
      for (const [type, content, fileName, contentType] of [
        ['lab-results', FILES.text(), 'labs.txt', 'text/plain'],
        ['treatment-plan', FILES.png(), 'plan.png', 'image/png'],
        ['physician-notes', FILES.jpeg(), 'notes.jpg', 'image/jpeg'],
      ] as const) {
        uploads.push({ type, ...(await uploadThroughPage(type, content, fileName, contentType)) });
      }
      const complete = await waitForRecords(
        ...api(),
        (current) => current.complete,
        'the checklist completing',
      );
      const view = await waitForProposal(stack, theCase);
      const returned = await fetch(uploads[0]!.location!);
      const { html } = await openPage();

      // Assert
      expect(returnedNotice(await returned.text())).toEqual({
        outcome: 'received',
        text: 'Thank you: your file for Lab results arrived, was checked and is counted.',
      });
      // The earlier refusals of lab results are history once a good copy is in.
      expect(refusedItems(html)).toEqual([]);
      for (const { form, posted, location, back } of uploads) {
        expect(posted.status).toBe(303);
        const redirect = new URL(location!);
        expect(`${redirect.origin}${redirect.pathname}`).toBe(link.split('?')[0]);
        expect(redirect.searchParams.get('sig')).toBe(new URL(link).searchParams.get('sig'));
        expect(back!.status).toBe(200);
        expect(await objectExists(stack, fieldOf(form, 'key')!)).toBe(true);
      }
      expect(complete.missing).toEqual([]);
      const listed = await listRecords(...api());
      expect(
        listed.records
          .filter((record) => record.status === 'received')
          .map((r) => r.type)
          .sort(),
      ).toEqual([...REQUIRED_RECORD_TYPES].sort());
      expect(eventTypes(view)).toEqual(expect.arrayContaining(['records-decided', 'specialist-proposed']));
      expect(eventTypes(view).indexOf('records-decided')).toBeLessThan(
        eventTypes(view).indexOf('specialist-proposed'),
      );
    },
    TEST_MS,
  );

  it(
    'offers each record in the specialist’s packet as <type>-<recordId>.<ext>, typed from its content, as an attachment',
    async () => {
      // Arrange: the coordinator approves the proposed specialist
      const approved = await postForm(await matchProposal(stack, theCase.caseId), { decision: 'approve' });
      const { link: packetLink } = await assignmentRequest(stack, theCase.caseId);
      const received = (await listRecords(...api())).records.filter((r) => r.status === 'received');

      // Act
      const packet = await fetch(packetLink, { headers: { Accept: 'application/json' } });
      const { records } = (await packet.json()) as { records: Array<{ type: string; downloadUrl: string }> };
      const downloads = await Promise.all(
        records.map(async (r) => ({ ...r, response: await fetch(r.downloadUrl) })),
      );

      // Assert
      expect(approved.status).toBe(200);
      const expected: Record<string, [string, string]> = {
        'pathology-report': ['pdf', 'application/pdf'],
        imaging: ['dcm', 'application/dicom'],
        'lab-results': ['txt', 'text/plain; charset=utf-8'],
        'treatment-plan': ['png', 'image/png'],
        'physician-notes': ['jpg', 'image/jpeg'],
      };
      expect(downloads.map((d) => d.type).sort()).toEqual(Object.keys(expected).sort());
      for (const { type, response } of downloads) {
        const [extension, contentType] = expected[type]!;
        const { recordId } = received.find((r) => r.type === type)!;
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(contentType);
        expect(response.headers.get('content-disposition')).toBe(
          `attachment; filename="${type}-${recordId}.${extension}"`,
        );
        expect(response.headers.get('cache-control')).toBe('private, no-store');
      }
    },
    TEST_MS,
  );

  it(
    'once the records are complete the link thanks the uploader and still takes optional records',
    async () => {
      // Act
      const { response, html, forms } = await openPage();
      const json = await checklistJson();
      const { location } = await uploadThroughPage(
        'genetic-testing',
        FILES.pdf(),
        'oncotype.pdf',
        'application/pdf',
      );
      const after = await waitForRecords(
        ...api(),
        (view) => view.records.some((r) => r.type === 'genetic-testing' && r.status === 'received'),
        'the optional record counted',
      );
      const back = await (await fetch(location!)).text();

      // Assert
      expect(response.status).toBe(200);
      expect(html).toContain(
        'Every required record has arrived: thank you. You can still add optional records',
      );
      expect(forms.map((form) => form.type)).toEqual(ALL_TYPES);
      expect(json).toMatchObject({ caseId: theCase.caseId, complete: true });
      expect(after.records).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'genetic-testing', status: 'received' })]),
      );
      expect(returnedNotice(back)?.outcome).toBe('received');
      expect(checklistRows(back).get('genetic-testing')).toEqual({
        required: 'Optional',
        status: 'Received',
      });
    },
    TEST_MS,
  );

  it('a tampered link answers 403 and shows no forms', async () => {
    // Arrange
    const tampered = withTamperedSig(link);

    // Act
    const response = await fetch(tampered);
    const html = await response.text();

    // Assert
    expect(response.status).toBe(403);
    expect(html).not.toMatch(/<form/);
  });

  // An upload URL outlives its first use: a replacement is checked like the first file.
  it(
    'refuses a file that replaces an already received one through the same presigned URL',
    async () => {
      // Arrange: a proper file arrives and is counted
      const other = await submitIntake(stack, insured('acme-health'));
      const otherApi = [stack.urls.api, other.caseId, other.accessToken] as const;
      const exe = Buffer.concat([FILES.windowsExe(), Buffer.alloc(200)]);
      const pdf = Buffer.concat([FILES.pdf(), Buffer.alloc(exe.length - FILES.pdf().length, 0x20)]);
      const grant = await announceRecord(...otherApi, {
        type: 'other',
        fileName: 'summary.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
      });
      await putFile(grant, pdf);
      await waitForRecords(...otherApi, (view) => view.records.some((r) => r.status === 'received'));

      // Act: the same URL, the same headers, other bytes
      await putFile(grant, exe);
      const key = `cases/${other.caseId}/records/other/${grant.recordId}`;
      const { record } = await pollUntil(
        async () => ({
          record: (await listRecords(...otherApi)).records[0]!,
          stored: await objectExists(stack, key),
        }),
        (now) => now.record.status === 'refused' && !now.stored,
        { what: 'the replacement refused and deleted' },
      );

      // Assert
      expect(record).toMatchObject({
        recordId: grant.recordId,
        refusedCode: 'executable',
        refusedReason: REFUSAL_REASONS.executable,
      });
    },
    TEST_MS,
  );
});
