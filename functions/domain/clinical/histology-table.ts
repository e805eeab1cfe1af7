/**
 * ICD-O-3 histology families: groups of morphology codes that are treated alike, so that a change of
 * family (small cell against non-small cell lung carcinoma, ductal against lobular breast carcinoma,
 * seminoma against non-seminoma) is told apart from a refinement within one (adenocarcinoma, NOS
 * against acinar adenocarcinoma). A family may name broader ones (`within`): a code of a broader family
 * (carcinoma, NOS) refines to any narrower one. A code belongs to the family with the narrowest range
 * holding it (8246 is neuroendocrine carcinoma, not the adenocarcinoma range 8140-8389 around it).
 * Ranges follow the ICD-O-3.2 morphology groups; the families' names are in term-tables.ts. The source
 * of the packed table the functions import (clinical-tables-packed.ts, `npm run clinical-tables`); read
 * by the generator and the tests, never by a function.
 * Sources: ICD-O-3.2 (WHO/IARC, 2019); WHO Classification of Tumours, 5th ed. (thoracic, breast,
 * urinary and male genital, soft tissue and bone, CNS, haematolymphoid); NCCN Guidelines (NSCLC and
 * SCLC, Breast, Testicular, Soft Tissue Sarcoma, Bone, CNS, the lymphomas and leukemias).
 */

export type Range = readonly [number, number];

export interface HistologyFamily {
  /** Broader families this one refines (family ids; a test checks each names a family). */
  within: readonly string[];
  ranges: readonly Range[];
}

const family = (within: string[], ...ranges: Range[]): HistologyFamily => ({ within, ranges });

export const HISTOLOGY_FAMILIES = {
  'neoplasm-nos': family([], [8000, 8005]),
  'carcinoma-nos': family(['neoplasm-nos'], [8010, 8011]),
  'non-small-cell-carcinoma': family(['carcinoma-nos'], [8012, 8012], [8046, 8046]),
  'neuroendocrine-carcinoma': family(['carcinoma-nos'], [8246, 8246]),
  'small-cell-carcinoma': family(['neuroendocrine-carcinoma'], [8041, 8045]),
  'large-cell-neuroendocrine-carcinoma': family(['neuroendocrine-carcinoma'], [8013, 8013]),
  'neuroendocrine-tumor': family(['carcinoma-nos'], [8240, 8245], [8247, 8249]),
  'undifferentiated-carcinoma': family(['carcinoma-nos'], [8020, 8022]),
  'squamous-cell-carcinoma': family(['non-small-cell-carcinoma'], [8050, 8089]),
  adenocarcinoma: family(
    ['non-small-cell-carcinoma'],
    [8140, 8389],
    [8440, 8499],
    [8509, 8559],
    [8570, 8576],
  ),
  'adenosquamous-carcinoma': family(['non-small-cell-carcinoma'], [8560, 8560]),
  'ductal-carcinoma': family(['adenocarcinoma'], [8500, 8508]),
  'lobular-carcinoma': family(['adenocarcinoma'], [8520, 8520]),
  'hepatocellular-carcinoma': family(['carcinoma-nos'], [8170, 8175]),
  cholangiocarcinoma: family(['adenocarcinoma'], [8160, 8161]),
  'renal-cell-carcinoma': family(['adenocarcinoma'], [8311, 8312], [8316, 8320]),
  'medullary-thyroid-carcinoma': family(['carcinoma-nos'], [8345, 8347]),
  'basal-cell-carcinoma': family(['carcinoma-nos'], [8090, 8110]),
  'urothelial-carcinoma': family(['carcinoma-nos'], [8120, 8131]),
  'adnexal-carcinoma': family(['carcinoma-nos'], [8390, 8429]),
  'mucoepidermoid-carcinoma': family(['carcinoma-nos'], [8430, 8430]),
  'thymic-epithelial-tumor': family(['neoplasm-nos'], [8580, 8589]),
  'sex-cord-stromal-tumor': family(['neoplasm-nos'], [8590, 8671]),
  paraganglioma: family(['neoplasm-nos'], [8680, 8714]),
  melanoma: family(['neoplasm-nos'], [8720, 8790]),
  'sarcoma-nos': family(['neoplasm-nos'], [8800, 8801]),
  'soft-tissue-sarcoma': family(
    ['sarcoma-nos'],
    [8802, 8899],
    [8930, 8935],
    [8940, 8991],
    [9040, 9044],
    [9120, 9175],
    [9580, 9582],
  ),
  rhabdomyosarcoma: family(['sarcoma-nos'], [8900, 8921]),
  'gastrointestinal-stromal-tumor': family(['sarcoma-nos'], [8936, 8936]),
  'kaposi-sarcoma': family(['sarcoma-nos'], [9140, 9140]),
  osteosarcoma: family(['sarcoma-nos'], [9180, 9195]),
  chondrosarcoma: family(['sarcoma-nos'], [9220, 9243]),
  'ewing-sarcoma': family(['sarcoma-nos'], [9260, 9260], [9364, 9365]),
  'fibroepithelial-tumor': family(['neoplasm-nos'], [9000, 9030]),
  mesothelioma: family(['neoplasm-nos'], [9050, 9055]),
  'germ-cell-tumor-nos': family(['neoplasm-nos'], [9064, 9064]),
  seminoma: family(['germ-cell-tumor-nos'], [9060, 9063]),
  'non-seminomatous-germ-cell-tumor': family(['germ-cell-tumor-nos'], [9065, 9105]),
  nephroblastoma: family(['neoplasm-nos'], [8959, 8960]),
  'glioma-nos': family(['neoplasm-nos'], [9380, 9382]),
  ependymoma: family(['glioma-nos'], [9383, 9396]),
  astrocytoma: family(['glioma-nos'], [9400, 9431]),
  glioblastoma: family(['glioma-nos'], [9440, 9445]),
  oligodendroglioma: family(['glioma-nos'], [9450, 9460]),
  medulloblastoma: family(['neoplasm-nos'], [9470, 9474]),
  neuroblastoma: family(['neoplasm-nos'], [9490, 9500]),
  retinoblastoma: family(['neoplasm-nos'], [9510, 9514]),
  meningioma: family(['neoplasm-nos'], [9530, 9539]),
  'nerve-sheath-tumor': family(['sarcoma-nos'], [9540, 9571]),
  'lymphoid-neoplasm-nos': family(['neoplasm-nos'], [9590, 9591], [9596, 9597], [9820, 9820]),
  'hodgkin-lymphoma-nos': family(['lymphoid-neoplasm-nos'], [9650, 9650]),
  'classical-hodgkin-lymphoma': family(['hodgkin-lymphoma-nos'], [9651, 9667]),
  'nodular-lymphocyte-predominant-hodgkin': family(['hodgkin-lymphoma-nos'], [9659, 9659]),
  'chronic-lymphocytic-leukemia': family(['lymphoid-neoplasm-nos'], [9670, 9670], [9823, 9823]),
  'lymphoplasmacytic-lymphoma': family(['lymphoid-neoplasm-nos'], [9671, 9671], [9761, 9761]),
  'mantle-cell-lymphoma': family(['lymphoid-neoplasm-nos'], [9673, 9673]),
  'diffuse-large-b-cell-lymphoma': family(['lymphoid-neoplasm-nos'], [9678, 9688]),
  'primary-mediastinal-large-b-cell-lymphoma': family(['lymphoid-neoplasm-nos'], [9679, 9679]),
  'burkitt-lymphoma': family(['lymphoid-neoplasm-nos'], [9687, 9687], [9826, 9826]),
  'follicular-lymphoma': family(['lymphoid-neoplasm-nos'], [9690, 9698]),
  'marginal-zone-lymphoma': family(['lymphoid-neoplasm-nos'], [9689, 9689], [9699, 9699]),
  'mature-t-nk-cell-neoplasm': family(
    ['lymphoid-neoplasm-nos'],
    [9700, 9726],
    [9827, 9827],
    [9831, 9832],
    [9834, 9834],
  ),
  'hairy-cell-leukemia': family(['lymphoid-neoplasm-nos'], [9940, 9940]),
  'acute-leukemia-nos': family(['neoplasm-nos'], [9801, 9801], [9805, 9809]),
  'b-lymphoblastic-leukemia': family(
    ['lymphoid-neoplasm-nos', 'acute-leukemia-nos'],
    [9727, 9728],
    [9811, 9818],
    [9835, 9836],
  ),
  't-lymphoblastic-leukemia': family(
    ['lymphoid-neoplasm-nos', 'acute-leukemia-nos'],
    [9729, 9729],
    [9837, 9837],
  ),
  'plasma-cell-myeloma': family(['neoplasm-nos'], [9732, 9732]),
  plasmacytoma: family(['neoplasm-nos'], [9731, 9731], [9734, 9734]),
  'plasma-cell-leukemia': family(['neoplasm-nos'], [9733, 9733]),
  'myeloid-neoplasm-nos': family(['neoplasm-nos'], [9860, 9860]),
  'acute-myeloid-leukemia': family(
    ['myeloid-neoplasm-nos', 'acute-leukemia-nos'],
    [9840, 9840],
    [9861, 9874],
    [9891, 9898],
    [9910, 9931],
  ),
  'acute-promyelocytic-leukemia': family(['myeloid-neoplasm-nos', 'acute-leukemia-nos'], [9866, 9866]),
  'chronic-myeloid-leukemia': family(['myeloid-neoplasm-nos'], [9863, 9863], [9875, 9875]),
  'atypical-chronic-myeloid-leukemia': family(['myeloid-neoplasm-nos'], [9876, 9876]),
  'chronic-myelomonocytic-leukemia': family(['myeloid-neoplasm-nos'], [9945, 9945]),
  'myeloproliferative-neoplasm': family(['myeloid-neoplasm-nos'], [9950, 9964]),
  'myelodysplastic-neoplasm': family(['myeloid-neoplasm-nos'], [9980, 9993]),
  mastocytosis: family(['neoplasm-nos'], [9740, 9742]),
  'histiocytic-neoplasm': family(['neoplasm-nos'], [9750, 9759]),
} as const satisfies Record<string, HistologyFamily>;

export type FamilyId = keyof typeof HISTOLOGY_FAMILIES;
