const MiB = 1024 * 1024;

/** How far the checks go before refusing: every read, inflation and count is bounded by these. */
export interface RecordCheckLimits {
  /** The largest record accepted (the configured record size limit). */
  maxBytes: number;
  /** Members a ZIP may hold (a CT series is hundreds of images; a study, a few thousand). */
  maxZipEntries: number;
  /** What a ZIP's members may add up to unpacked, as its central directory declares (and inflating enforces). */
  maxUnzippedBytes: number;
  /** Unpacked over packed size, for each member and for the whole ZIP, once it is over a mebibyte. */
  maxZipRatio: number;
  /** What a PDF's object streams may inflate to, all together. */
  maxInflatedPdfBytes: number;
}

export const DEFAULT_LIMITS: RecordCheckLimits = {
  maxBytes: 200 * MiB,
  maxZipEntries: 10_000,
  maxUnzippedBytes: 2048 * MiB,
  maxZipRatio: 100,
  maxInflatedPdfBytes: 64 * MiB,
};
