import {
  CANCER_TYPES,
  cancerTypeOf,
  isMalignant,
  type CancerType,
} from '../../../functions/domain/cancer-type.js';

describe('cancerTypeOf', () => {
  it.each<[string, CancerType]>([
    // Malignant neoplasms by primary site
    ['C00.0', 'head-and-neck'],
    ['C02.1', 'head-and-neck'],
    ['C14.8', 'head-and-neck'],
    ['C15.9', 'esophageal'],
    ['C16.0', 'stomach'],
    ['C17.0', 'gastrointestinal-other'],
    ['C18.7', 'colorectal'],
    ['C19', 'colorectal'],
    ['C20', 'colorectal'],
    ['C21.0', 'colorectal'],
    ['C22.0', 'liver'],
    ['C25.9', 'pancreatic'],
    ['C32.9', 'head-and-neck'],
    ['C34.90', 'lung'],
    ['C34.11', 'lung'],
    ['C38.4', 'thoracic-other'],
    ['C40.20', 'bone-and-soft-tissue'],
    ['C49.9', 'bone-and-soft-tissue'],
    ['C43.9', 'melanoma'],
    ['C44.91', 'skin'],
    ['C45.0', 'thoracic-other'],
    ['C50.911', 'breast'],
    ['C50.012', 'breast'],
    ['C53.9', 'gynecologic'],
    ['C56.1', 'gynecologic'],
    ['C61', 'prostate'],
    ['C62.90', 'testicular'],
    ['C64.1', 'kidney'],
    ['C67.9', 'bladder'],
    ['C69.20', 'other'],
    ['C71.9', 'brain'],
    ['C73', 'thyroid'],
    ['C74.90', 'endocrine-other'],
    ['C7A.010', 'neuroendocrine'],
    ['C7B.00', 'neuroendocrine'],
    ['C77.3', 'other'],
    ['C78.00', 'other'],
    ['C79.51', 'other'],
    ['C80.1', 'other'],
    ['C81.10', 'lymphoma'],
    ['C83.30', 'lymphoma'],
    ['C88.0', 'lymphoma'],
    ['C90.00', 'myeloma'],
    ['C91.00', 'leukemia'],
    ['C92.00', 'leukemia'],
    ['C95.90', 'leukemia'],
    ['C96.4', 'lymphoma'],
    // In situ neoplasms
    ['D03.9', 'melanoma'],
    ['D04.9', 'skin'],
    ['D05.10', 'breast'],
    ['D05.91', 'breast'],
    ['D06.9', 'gynecologic'],
    ['D07.0', 'gynecologic'],
    ['D07.5', 'prostate'],
    ['D09.0', 'other'],
    // Benign and uncertain behaviour
    ['D12.6', 'other'],
    ['D3A.00', 'other'],
    ['D49.0', 'other'],
    ['D49.9', 'other'],
  ])('maps %s to %s', (code, expected) => {
    // Act
    const type = cancerTypeOf(code);

    // Assert
    expect(type).toBe(expected);
  });

  it.each<[string, CancerType]>([
    ['c50.911', 'breast'],
    ['c7a.010', 'neuroendocrine'],
    ['d07.5', 'prostate'],
  ])('ignores letter case (%s → %s)', (code, expected) => {
    expect(cancerTypeOf(code)).toBe(expected);
  });

  // ICD-10-CM C4A is Merkel cell carcinoma, a malignant neoplasm of the skin (block C43–C4A).
  it('maps Merkel cell carcinoma (C4A) to skin', () => {
    expect(cancerTypeOf('C4A.9')).toBe('skin');
  });

  // D07.4 (penis) and D07.6x (other male genital organs) are not gynecologic.
  it.each(['D07.4', 'D07.60', 'D07.61', 'D07.69'])(
    'maps male genital in situ %s to genitourinary-other',
    (code) => {
      expect(cancerTypeOf(code)).toBe('genitourinary-other');
    },
  );

  it('always returns one of CANCER_TYPES', () => {
    // Arrange
    const codes = ['C00', 'C26.9', 'C39.9', 'C63.2', 'C68.9', 'C75.1', 'D00.00', 'D01.0', 'D02.20', 'D37.0'];

    // Act
    const types = codes.map(cancerTypeOf);

    // Assert
    for (const type of types) expect(CANCER_TYPES).toContain(type);
  });
});

describe('isMalignant', () => {
  it.each([
    ['C00.0', true],
    ['C34.90', true],
    ['C50.911', true],
    ['C61', true],
    ['C7A.010', true],
    ['C7B.00', true],
    ['C96.4', true],
    ['D00.00', true],
    ['D05.10', true],
    ['D07.5', true],
    ['D09.9', true],
    ['D10.0', false],
    ['D12.6', false],
    ['D3A.00', false],
    ['D37.0', false],
    ['D49.0', false],
    ['D49.9', false],
  ])('isMalignant(%s) is %s', (code, expected) => {
    // Act
    const malignant = isMalignant(code);

    // Assert
    expect(malignant).toBe(expected);
  });
});
