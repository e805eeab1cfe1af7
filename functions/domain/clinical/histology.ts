/**
 * ICD-O-3 histology families: groups of morphology codes that are treated alike, so that a change of
 * family (small cell against non-small cell lung carcinoma, ductal against lobular breast carcinoma,
 * seminoma against non-seminoma) is told apart from a refinement within one (adenocarcinoma, NOS
 * against acinar adenocarcinoma). A family may name broader ones (`within`): a code of a broader family
 * (carcinoma, NOS) refines to any narrower one. Ranges follow the ICD-O-3.2 morphology groups.
 * Sources: ICD-O-3.2 (WHO/IARC, 2019); WHO Classification of Tumours, 5th ed. (thoracic, breast,
 * urinary and male genital, soft tissue and bone, CNS, haematolymphoid); NCCN Guidelines (NSCLC and
 * SCLC, Breast, Testicular, Soft Tissue Sarcoma, Bone, CNS, the lymphomas and leukemias).
 */

interface HistologyFamily {
  label: string;
  /** Broader families this one refines (family ids; a test checks each names a family). */
  within: readonly string[];
}

const family = (label: string, ...within: string[]): HistologyFamily => ({ label, within });

export const HISTOLOGY_FAMILIES = {
  'neoplasm-nos': family('neoplasm, not otherwise specified'),
  'carcinoma-nos': family('carcinoma, not otherwise specified', 'neoplasm-nos'),
  'non-small-cell-carcinoma': family('non-small cell carcinoma', 'carcinoma-nos'),
  'neuroendocrine-carcinoma': family('neuroendocrine carcinoma', 'carcinoma-nos'),
  'small-cell-carcinoma': family('small cell carcinoma', 'neuroendocrine-carcinoma'),
  'large-cell-neuroendocrine-carcinoma': family(
    'large cell neuroendocrine carcinoma',
    'neuroendocrine-carcinoma',
  ),
  'neuroendocrine-tumor': family('well-differentiated neuroendocrine tumor', 'carcinoma-nos'),
  'undifferentiated-carcinoma': family('undifferentiated (anaplastic) carcinoma', 'carcinoma-nos'),
  'squamous-cell-carcinoma': family('squamous cell carcinoma', 'non-small-cell-carcinoma'),
  adenocarcinoma: family('adenocarcinoma', 'non-small-cell-carcinoma'),
  'adenosquamous-carcinoma': family('adenosquamous carcinoma', 'non-small-cell-carcinoma'),
  'ductal-carcinoma': family('ductal carcinoma', 'adenocarcinoma'),
  'lobular-carcinoma': family('lobular carcinoma', 'adenocarcinoma'),
  'hepatocellular-carcinoma': family('hepatocellular carcinoma', 'carcinoma-nos'),
  cholangiocarcinoma: family('cholangiocarcinoma', 'adenocarcinoma'),
  'renal-cell-carcinoma': family('renal cell carcinoma', 'adenocarcinoma'),
  'medullary-thyroid-carcinoma': family('medullary thyroid carcinoma', 'carcinoma-nos'),
  'basal-cell-carcinoma': family('basal cell carcinoma', 'carcinoma-nos'),
  'urothelial-carcinoma': family('urothelial carcinoma', 'carcinoma-nos'),
  'adnexal-carcinoma': family('skin adnexal carcinoma', 'carcinoma-nos'),
  'mucoepidermoid-carcinoma': family('mucoepidermoid carcinoma', 'carcinoma-nos'),
  'thymic-epithelial-tumor': family('thymoma or thymic carcinoma', 'neoplasm-nos'),
  'sex-cord-stromal-tumor': family('sex cord-stromal tumor', 'neoplasm-nos'),
  paraganglioma: family('paraganglioma or pheochromocytoma', 'neoplasm-nos'),
  melanoma: family('melanoma', 'neoplasm-nos'),
  'sarcoma-nos': family('sarcoma, not otherwise specified', 'neoplasm-nos'),
  'soft-tissue-sarcoma': family('soft tissue sarcoma', 'sarcoma-nos'),
  rhabdomyosarcoma: family('rhabdomyosarcoma', 'sarcoma-nos'),
  'gastrointestinal-stromal-tumor': family('gastrointestinal stromal tumor (GIST)', 'sarcoma-nos'),
  'kaposi-sarcoma': family('Kaposi sarcoma', 'sarcoma-nos'),
  osteosarcoma: family('osteosarcoma', 'sarcoma-nos'),
  chondrosarcoma: family('chondrosarcoma', 'sarcoma-nos'),
  'ewing-sarcoma': family('Ewing sarcoma', 'sarcoma-nos'),
  'fibroepithelial-tumor': family('fibroepithelial (phyllodes) tumor', 'neoplasm-nos'),
  mesothelioma: family('mesothelioma', 'neoplasm-nos'),
  'germ-cell-tumor-nos': family('germ cell tumor, not otherwise specified', 'neoplasm-nos'),
  seminoma: family('seminoma (germinoma)', 'germ-cell-tumor-nos'),
  'non-seminomatous-germ-cell-tumor': family('non-seminomatous germ cell tumor', 'germ-cell-tumor-nos'),
  nephroblastoma: family('nephroblastoma (Wilms tumor)', 'neoplasm-nos'),
  'glioma-nos': family('glioma, not otherwise specified', 'neoplasm-nos'),
  ependymoma: family('ependymoma', 'glioma-nos'),
  astrocytoma: family('astrocytoma', 'glioma-nos'),
  glioblastoma: family('glioblastoma', 'glioma-nos'),
  oligodendroglioma: family('oligodendroglioma', 'glioma-nos'),
  medulloblastoma: family('medulloblastoma', 'neoplasm-nos'),
  neuroblastoma: family('neuroblastoma', 'neoplasm-nos'),
  retinoblastoma: family('retinoblastoma', 'neoplasm-nos'),
  meningioma: family('meningioma', 'neoplasm-nos'),
  'nerve-sheath-tumor': family('nerve sheath tumor', 'sarcoma-nos'),
  'lymphoid-neoplasm-nos': family('lymphoma or lymphoid leukemia, not otherwise specified', 'neoplasm-nos'),
  'hodgkin-lymphoma-nos': family('Hodgkin lymphoma, not otherwise specified', 'lymphoid-neoplasm-nos'),
  'classical-hodgkin-lymphoma': family('classical Hodgkin lymphoma', 'hodgkin-lymphoma-nos'),
  'nodular-lymphocyte-predominant-hodgkin': family(
    'nodular lymphocyte predominant Hodgkin lymphoma',
    'hodgkin-lymphoma-nos',
  ),
  'chronic-lymphocytic-leukemia': family(
    'chronic lymphocytic leukemia / small lymphocytic lymphoma',
    'lymphoid-neoplasm-nos',
  ),
  'lymphoplasmacytic-lymphoma': family('lymphoplasmacytic lymphoma / Waldenstrom', 'lymphoid-neoplasm-nos'),
  'mantle-cell-lymphoma': family('mantle cell lymphoma', 'lymphoid-neoplasm-nos'),
  'diffuse-large-b-cell-lymphoma': family('diffuse large B-cell lymphoma', 'lymphoid-neoplasm-nos'),
  'primary-mediastinal-large-b-cell-lymphoma': family(
    'primary mediastinal large B-cell lymphoma',
    'lymphoid-neoplasm-nos',
  ),
  'burkitt-lymphoma': family('Burkitt lymphoma', 'lymphoid-neoplasm-nos'),
  'follicular-lymphoma': family('follicular lymphoma', 'lymphoid-neoplasm-nos'),
  'marginal-zone-lymphoma': family('marginal zone lymphoma', 'lymphoid-neoplasm-nos'),
  'mature-t-nk-cell-neoplasm': family('mature T- or NK-cell neoplasm', 'lymphoid-neoplasm-nos'),
  'hairy-cell-leukemia': family('hairy cell leukemia', 'lymphoid-neoplasm-nos'),
  'acute-leukemia-nos': family('acute leukemia, not otherwise specified', 'neoplasm-nos'),
  'b-lymphoblastic-leukemia': family(
    'B-lymphoblastic leukemia/lymphoma',
    'lymphoid-neoplasm-nos',
    'acute-leukemia-nos',
  ),
  't-lymphoblastic-leukemia': family(
    'T-lymphoblastic leukemia/lymphoma',
    'lymphoid-neoplasm-nos',
    'acute-leukemia-nos',
  ),
  'plasma-cell-myeloma': family('plasma cell myeloma', 'neoplasm-nos'),
  plasmacytoma: family('solitary or extramedullary plasmacytoma', 'neoplasm-nos'),
  'plasma-cell-leukemia': family('plasma cell leukemia', 'neoplasm-nos'),
  'myeloid-neoplasm-nos': family('myeloid leukemia, not otherwise specified', 'neoplasm-nos'),
  'acute-myeloid-leukemia': family('acute myeloid leukemia', 'myeloid-neoplasm-nos', 'acute-leukemia-nos'),
  'acute-promyelocytic-leukemia': family(
    'acute promyelocytic leukemia',
    'myeloid-neoplasm-nos',
    'acute-leukemia-nos',
  ),
  'chronic-myeloid-leukemia': family('chronic myeloid leukemia, BCR-ABL1-positive', 'myeloid-neoplasm-nos'),
  'atypical-chronic-myeloid-leukemia': family('atypical chronic myeloid leukemia', 'myeloid-neoplasm-nos'),
  'chronic-myelomonocytic-leukemia': family('chronic myelomonocytic leukemia', 'myeloid-neoplasm-nos'),
  'myeloproliferative-neoplasm': family('myeloproliferative neoplasm', 'myeloid-neoplasm-nos'),
  'myelodysplastic-neoplasm': family('myelodysplastic neoplasm', 'myeloid-neoplasm-nos'),
  mastocytosis: family('mastocytosis', 'neoplasm-nos'),
  'histiocytic-neoplasm': family('histiocytic or dendritic cell neoplasm', 'neoplasm-nos'),
} as const satisfies Record<string, HistologyFamily>;

export type FamilyId = keyof typeof HISTOLOGY_FAMILIES;

type Range = readonly [number, number];

/** Morphology ranges by family; the first range holding a code wins, so narrow ranges come first. */
const MORPHOLOGY_RANGES: ReadonlyArray<readonly [FamilyId, ...Range[]]> = [
  ['neoplasm-nos', [8000, 8005]],
  ['carcinoma-nos', [8010, 8011]],
  ['non-small-cell-carcinoma', [8012, 8012], [8046, 8046]],
  ['large-cell-neuroendocrine-carcinoma', [8013, 8013]],
  ['undifferentiated-carcinoma', [8020, 8022]],
  ['small-cell-carcinoma', [8041, 8045]],
  ['squamous-cell-carcinoma', [8050, 8089]],
  ['basal-cell-carcinoma', [8090, 8110]],
  ['urothelial-carcinoma', [8120, 8131]],
  ['cholangiocarcinoma', [8160, 8161]],
  ['hepatocellular-carcinoma', [8170, 8175]],
  ['neuroendocrine-carcinoma', [8246, 8246]],
  ['neuroendocrine-tumor', [8240, 8245], [8247, 8249]],
  ['renal-cell-carcinoma', [8311, 8312], [8316, 8320]],
  ['medullary-thyroid-carcinoma', [8345, 8347]],
  ['adnexal-carcinoma', [8390, 8429]],
  ['mucoepidermoid-carcinoma', [8430, 8430]],
  ['ductal-carcinoma', [8500, 8508]],
  ['lobular-carcinoma', [8520, 8520]],
  ['adenosquamous-carcinoma', [8560, 8560]],
  ['adenocarcinoma', [8140, 8389], [8440, 8499], [8509, 8559], [8570, 8576]],
  ['thymic-epithelial-tumor', [8580, 8589]],
  ['sex-cord-stromal-tumor', [8590, 8671]],
  ['paraganglioma', [8680, 8714]],
  ['melanoma', [8720, 8790]],
  ['sarcoma-nos', [8800, 8801]],
  ['rhabdomyosarcoma', [8900, 8921]],
  ['gastrointestinal-stromal-tumor', [8936, 8936]],
  ['nephroblastoma', [8959, 8960]],
  ['fibroepithelial-tumor', [9000, 9030]],
  ['mesothelioma', [9050, 9055]],
  ['germ-cell-tumor-nos', [9064, 9064]],
  ['seminoma', [9060, 9063]],
  ['non-seminomatous-germ-cell-tumor', [9065, 9105]],
  ['kaposi-sarcoma', [9140, 9140]],
  ['osteosarcoma', [9180, 9195]],
  ['chondrosarcoma', [9220, 9243]],
  ['ewing-sarcoma', [9260, 9260], [9364, 9365]],
  ['soft-tissue-sarcoma', [8802, 8899], [8930, 8935], [8940, 8991], [9040, 9044], [9120, 9175], [9580, 9582]],
  ['glioma-nos', [9380, 9382]],
  ['ependymoma', [9383, 9396]],
  ['astrocytoma', [9400, 9431]],
  ['glioblastoma', [9440, 9445]],
  ['oligodendroglioma', [9450, 9460]],
  ['medulloblastoma', [9470, 9474]],
  ['neuroblastoma', [9490, 9500]],
  ['retinoblastoma', [9510, 9514]],
  ['meningioma', [9530, 9539]],
  ['nerve-sheath-tumor', [9540, 9571]],
  ['lymphoid-neoplasm-nos', [9590, 9591], [9596, 9597], [9820, 9820]],
  ['hodgkin-lymphoma-nos', [9650, 9650]],
  ['nodular-lymphocyte-predominant-hodgkin', [9659, 9659]],
  ['classical-hodgkin-lymphoma', [9651, 9667]],
  ['chronic-lymphocytic-leukemia', [9670, 9670], [9823, 9823]],
  ['lymphoplasmacytic-lymphoma', [9671, 9671], [9761, 9761]],
  ['mantle-cell-lymphoma', [9673, 9673]],
  ['primary-mediastinal-large-b-cell-lymphoma', [9679, 9679]],
  ['burkitt-lymphoma', [9687, 9687], [9826, 9826]],
  ['marginal-zone-lymphoma', [9689, 9689], [9699, 9699]],
  ['diffuse-large-b-cell-lymphoma', [9678, 9688]],
  ['follicular-lymphoma', [9690, 9698]],
  ['mature-t-nk-cell-neoplasm', [9700, 9726], [9827, 9827], [9831, 9832], [9834, 9834]],
  ['t-lymphoblastic-leukemia', [9729, 9729], [9837, 9837]],
  ['b-lymphoblastic-leukemia', [9727, 9728], [9811, 9818], [9835, 9836]],
  ['plasmacytoma', [9731, 9731], [9734, 9734]],
  ['plasma-cell-myeloma', [9732, 9732]],
  ['plasma-cell-leukemia', [9733, 9733]],
  ['mastocytosis', [9740, 9742]],
  ['histiocytic-neoplasm', [9750, 9759]],
  ['acute-leukemia-nos', [9801, 9801], [9805, 9809]],
  ['hairy-cell-leukemia', [9940, 9940]],
  ['chronic-myelomonocytic-leukemia', [9945, 9945]],
  ['myeloproliferative-neoplasm', [9950, 9964]],
  ['myeloid-neoplasm-nos', [9860, 9860]],
  ['acute-promyelocytic-leukemia', [9866, 9866]],
  ['chronic-myeloid-leukemia', [9863, 9863], [9875, 9875]],
  ['atypical-chronic-myeloid-leukemia', [9876, 9876]],
  ['acute-myeloid-leukemia', [9840, 9840], [9861, 9874], [9891, 9898], [9910, 9931]],
  ['myelodysplastic-neoplasm', [9980, 9993]],
];

/** The family of an ICD-O-3 morphology code (four digits, behaviour apart), if the table covers it. */
export function histologyFamilyOf(morphology: string): FamilyId | undefined {
  const code = Number(morphology);
  return MORPHOLOGY_RANGES.find(([, ...ranges]) =>
    ranges.some(([from, to]) => code >= from && code <= to),
  )?.[0];
}

/** True when `broader` is `narrower` or one of the families it refines. */
export function isWithinFamily(narrower: FamilyId, broader: FamilyId): boolean {
  if (narrower === broader) return true;
  const within: readonly string[] = HISTOLOGY_FAMILIES[narrower].within;
  return within.some((parent) => isWithinFamily(parent as FamilyId, broader));
}

/** Two families are the same treatment group, or one refines the other. */
export const familiesCompatible = (a: FamilyId, b: FamilyId): boolean =>
  isWithinFamily(a, b) || isWithinFamily(b, a);
