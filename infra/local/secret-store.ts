import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { firstSecretVersion } from '../../functions/domain/signing-keys.js';

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';
export const PENDING = 'AWSPENDING';

export interface SecretVersion {
  versionId: string;
  /** Absent while a rotation has created the version and not yet stored its value. */
  value?: string;
  stages: string[];
  createdAt: number;
}

/** An error Secrets Manager would answer, by its name. */
export const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

/**
 * One secret's versions and staging labels, as Secrets Manager keeps them, in a file of the data directory
 * (written whole, then renamed; owner-only). A label is on one version at most; moving AWSCURRENT labels the
 * version it leaves AWSPREVIOUS; a version left with no label is dropped (Secrets Manager deprecates it).
 */
export class SecretStore {
  private versions: SecretVersion[];

  /**
   * `plainFile`: where the stack kept the secret before it had versions; its value becomes the current version
   * (links signed with it keep verifying), and the file goes once the versions are written.
   */
  constructor(
    private readonly file: string,
    plainFile?: string,
  ) {
    if (existsSync(file)) {
      this.versions = JSON.parse(readFileSync(file, 'utf8')) as SecretVersion[];
      return;
    }
    const plain = plainFile && existsSync(plainFile) ? readFileSync(plainFile, 'utf8').trim() : undefined;
    this.versions = [
      {
        versionId: 'local-1',
        value: plain ?? firstSecretVersion(),
        stages: [CURRENT],
        createdAt: Date.now(),
      },
    ];
    this.save();
    if (plainFile && plain !== undefined) rmSync(plainFile);
  }

  /** The version with this id (and, when given, this label), or the one with the label. */
  find(versionId: string | undefined, stage: string | undefined): SecretVersion | undefined {
    return this.versions.find(
      (version) =>
        (versionId === undefined || version.versionId === versionId) &&
        (stage === undefined || version.stages.includes(stage)),
    );
  }

  stages(): Record<string, string[]> {
    return Object.fromEntries(this.versions.map((version) => [version.versionId, [...version.stages]]));
  }

  /** Stores a version's value under `stages` (a repeat with the same value is no change). */
  put(versionId: string, value: string, stages: readonly string[]): void {
    const existing = this.find(versionId, undefined);
    if (existing?.value !== undefined && existing.value !== value)
      throw awsError('ResourceExistsException', `Version ${versionId} already has another value`);
    if (existing) existing.value = value;
    else this.versions.push({ versionId, value, stages: [], createdAt: Date.now() });
    for (const stage of stages) this.label(versionId, stage);
    this.save();
  }

  /** A version rotation is about to fill: labelled AWSPENDING, with no value yet. */
  startRotation(versionId: string): void {
    if (!this.find(versionId, undefined))
      this.versions.push({ versionId, stages: [], createdAt: Date.now() });
    this.label(versionId, PENDING);
    this.save();
  }

  /** Moves a label from `fromVersionId` (which must hold it, if any version does) to `toVersionId`. */
  move(stage: string, toVersionId: string, fromVersionId: string | undefined): void {
    const holder = this.find(undefined, stage);
    if (holder && holder.versionId !== fromVersionId && holder.versionId !== toVersionId)
      throw awsError('InvalidParameterException', `${stage} is on version ${holder.versionId}`);
    if (!this.find(toVersionId, undefined))
      throw awsError('ResourceNotFoundException', `No version ${toVersionId}`);
    this.label(toVersionId, stage);
    this.save();
  }

  private label(versionId: string, stage: string): void {
    const holder = this.find(undefined, stage);
    if (holder?.versionId === versionId) return;
    if (holder) holder.stages = holder.stages.filter((s) => s !== stage);
    // The version leaving AWSCURRENT becomes AWSPREVIOUS, as Secrets Manager labels it.
    if (stage === CURRENT && holder) this.label(holder.versionId, PREVIOUS);
    const version = this.find(versionId, undefined)!;
    version.stages = [...version.stages.filter((s) => s !== stage), stage];
    if (stage === CURRENT) version.stages = version.stages.filter((s) => s !== PENDING);
    this.versions = this.versions.filter((v) => v.stages.length > 0 || v.versionId === versionId);
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.versions, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
