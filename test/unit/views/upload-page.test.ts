import {
  REQUIRED_RECORD_TYPES,
  RECORD_TYPES,
  checklist,
  type MedicalRecord,
} from '../../../functions/domain/records.js';
import { REFUSAL_REASONS } from '../../../functions/domain/record-checks/reasons.js';
import {
  uploadPage,
  type ChecklistView,
  type UploadPageModel,
} from '../../../functions/views/upload-page.js';
import { checklistRows, refusedItems, returnedNotice, uploadForms } from '../../support/stack/upload-page.js';

const CASE_ID = '0b6c1c2e-8f4a-4c57-9a51-5d1b7f2f6e10';

function record(
  type: MedicalRecord['type'],
  status: MedicalRecord['status'],
  extra: Partial<MedicalRecord> = {},
) {
  return {
    recordId: `${type}-${status}-${Object.keys(extra).length}`,
    caseId: CASE_ID,
    type,
    key: `cases/${CASE_ID}/records/${type}/x`,
    status,
    contentType: 'application/pdf',
    sizeBytes: 10,
    createdAt: '2026-12-01T00:00:00Z',
    ...(status === 'received' ? { receivedAt: '2026-12-01T00:01:00Z' } : {}),
    ...extra,
  } satisfies MedicalRecord;
}

function view(records: MedicalRecord[]): ChecklistView {
  return {
    caseId: CASE_ID,
    ...checklist(records),
    records: records.map(({ recordId, type, status, refusedCode, refusedReason }) => ({
      recordId,
      type,
      status,
      ...(refusedCode ? { refusedCode, refusedReason: refusedReason! } : {}),
    })),
  };
}

function model(records: MedicalRecord[], overrides: Partial<UploadPageModel> = {}): UploadPageModel {
  return {
    locale: 'en',
    caseId: CASE_ID,
    list: view(records),
    answered: false,
    forms: RECORD_TYPES.map((type) => [
      type,
      { url: 'http://127.0.0.1:4569/records', fields: { key: `k-${type}` } },
    ]),
    maxBytes: 209_715_200,
    ...overrides,
  };
}

const refused = (type: MedicalRecord['type'], code: keyof typeof REFUSAL_REASONS) =>
  record(type, 'refused', { refusedCode: code, refusedReason: REFUSAL_REASONS[code] });

describe('the records page', () => {
  it('names record types, what is required and what arrived, and sizes, in words', () => {
    const body = uploadPage(model([record('pathology-report', 'received')])).body;

    const rows = checklistRows(body);
    expect(rows.get('pathology-report')).toEqual({ required: 'Required', status: 'Received' });
    expect(rows.get('imaging')).toEqual({ required: 'Required', status: 'Not yet' });
    expect(rows.get('genetic-testing')).toEqual({ required: 'Optional', status: 'Not yet' });
    expect(body).toContain('<th scope="row">Pathology report</th>');
    expect(body).toContain('at most 200 MB per file');
    expect(body).not.toMatch(/209715200|pathology-report<|>imaging</);
    expect(body).toContain('Please upload the records marked required');
  });

  it('offers the required forms first, then the optional ones, each labelled with its record type', () => {
    const body = uploadPage(model([])).body;

    const types = uploadForms(body).map((form) => form.type);
    expect(types).toEqual([
      ...REQUIRED_RECORD_TYPES,
      ...RECORD_TYPES.filter((type) => !REQUIRED_RECORD_TYPES.includes(type)),
    ]);
    expect(body).toMatch(/<label for="file-imaging">File for Imaging \(scans and their reports\)<\/label>/);
    expect(body).toContain('<input id="file-imaging" type="file" name="file" required />');
  });

  it('lists a refused file with its reason until a file of that type arrives', () => {
    const before = uploadPage(
      model([refused('lab-results', 'executable'), refused('imaging', 'zip-bomb')]),
    ).body;
    const after = uploadPage(
      model([
        refused('lab-results', 'executable'),
        refused('imaging', 'zip-bomb'),
        record('lab-results', 'received'),
      ]),
    ).body;

    expect(refusedItems(before)).toEqual([
      `Lab results: ${REFUSAL_REASONS.executable}`,
      `Imaging (scans and their reports): ${REFUSAL_REASONS['zip-bomb']}`,
    ]);
    expect(refusedItems(after)).toEqual([
      `Imaging (scans and their reports): ${REFUSAL_REASONS['zip-bomb']}`,
    ]);
  });

  it.each([
    ['checking', [], 'Thank you: your file for Lab results arrived and is being checked.'],
    [
      'received',
      [record('lab-results', 'received')],
      'Thank you: your file for Lab results arrived, was checked',
    ],
    [
      'refused',
      [refused('lab-results', 'pdf-encrypted')],
      `Your file for Lab results could not be accepted. ${REFUSAL_REASONS['pdf-encrypted']}`,
    ],
  ] as const)('confirms the file just sent when it is %s', (outcome, records, words) => {
    const body = uploadPage(
      model([...records], {
        returned: {
          type: 'lab-results',
          outcome,
          ...(outcome === 'refused' ? { code: 'pdf-encrypted' as const } : {}),
        },
        checkAgain: 'http://127.0.0.1:3000/uploads/abc?sig=s&key=k',
      }),
    ).body;

    expect(returnedNotice(body)).toEqual({ outcome, text: expect.stringContaining(words) });
    expect(body.includes('>Check again</a>')).toBe(outcome === 'checking');
  });

  it('once the request is answered, asks for nothing more and still offers the optional records', () => {
    const body = uploadPage(model([], { answered: true })).body;

    expect(body).toContain(
      'Every required record has arrived: thank you. You can still add optional records',
    );
    expect(uploadForms(body).map((form) => form.type)).toContain('genetic-testing');
  });

  it('names the tests a specialist asked for, and which have arrived, rather than the required records', () => {
    const all = REQUIRED_RECORD_TYPES.map((type) => record(type, 'received'));
    const body = uploadPage(
      model(all, {
        tests: [
          { type: 'genetic-testing', description: 'Oncotype DX', received: false },
          { type: 'imaging', description: 'Chest CT', received: true },
        ],
      }),
    ).body;

    expect(body).toContain('asks for the results of these tests');
    expect(body).toMatch(/Genetic test results: Oncotype DX: Not yet/);
    expect(body).toMatch(/Imaging \(scans and their reports\): Chest CT: Received/);
    expect(body).not.toContain('Every required record has arrived');
  });

  it('speaks Spanish to a patient who prefers it, refusals and sizes included', () => {
    const page = uploadPage(model([refused('imaging', 'zip-encrypted')], { locale: 'es', maxBytes: 1536 }));

    expect(page.headers!['Content-Language']).toBe('es');
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>Subir expedientes médicos</h1>');
    expect(page.body).toContain('como máximo 1,5 kB por archivo');
    expect(refusedItems(page.body)).toEqual([
      'Imágenes (estudios y sus informes): Este archivo ZIP está protegido con contraseña, así que no se puede revisar; súbalo sin contraseña.',
    ]);
    expect(checklistRows(page.body).get('imaging')).toEqual({ required: 'Obligatorio', status: 'Aún no' });
  });
});
