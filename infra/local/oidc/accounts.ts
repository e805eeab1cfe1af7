import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../../functions/domain/console-access.js';
import type { CoordinatorAccount } from '../../../functions/schemas/staff.js';

const KEY_BYTES = 32;

function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((done, fail) =>
    scrypt(password, salt, KEY_BYTES, (error, key) => (error ? fail(error) : done(key))),
  );
}

interface Account {
  accountId: string;
  email: string;
  name: string;
  roles: Role[];
  salt: Buffer;
  hash: Buffer;
}

/** What the provider says of an account (its ID token's claims): `groups` carries the roles. */
export interface AccountClaims {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  groups: Role[];
}

/**
 * A stable subject for a seeded account, the same on every start (the audit names it): a digest of the email,
 * so the subject itself carries no address.
 */
export const subjectOf = (email: string) =>
  `local-${createHash('sha256').update(`concord-local-account:${email.toLowerCase()}`).digest('hex').slice(0, 24)}`;

/**
 * The seed file's coordinators: each password is hashed with scrypt (a fresh salt) as it is loaded, and
 * only the hash is kept; passwords are never logged. A wrong password and an unknown email take the same
 * work and get the same answer, so the sign-in page tells no one which addresses have accounts.
 */
export class LocalAccounts {
  private constructor(
    private readonly byEmail: ReadonlyMap<string, Account>,
    private readonly byId: ReadonlyMap<string, Account>,
    private readonly decoy: Pick<Account, 'salt' | 'hash'>,
  ) {}

  static async load(coordinators: readonly CoordinatorAccount[]): Promise<LocalAccounts> {
    const accounts = await Promise.all(
      coordinators.map(async ({ email, name, password, roles }) => {
        const salt = randomBytes(16);
        return {
          accountId: subjectOf(email),
          email,
          name,
          roles,
          salt,
          hash: await hashPassword(password, salt),
        };
      }),
    );
    const decoySalt = randomBytes(16);
    return new LocalAccounts(
      new Map(accounts.map((account) => [account.email.toLowerCase(), account])),
      new Map(accounts.map((account) => [account.accountId, account])),
      { salt: decoySalt, hash: await hashPassword(randomBytes(16).toString('hex'), decoySalt) },
    );
  }

  /** The account id when the email and password match an account; undefined otherwise, whichever was wrong. */
  async verify(email: string, password: string): Promise<string | undefined> {
    const account = this.byEmail.get(email.trim().toLowerCase());
    const { salt, hash } = account ?? this.decoy;
    const matches = timingSafeEqual(await hashPassword(password, salt), hash);
    return account && matches ? account.accountId : undefined;
  }

  claims(accountId: string): AccountClaims | undefined {
    const account = this.byId.get(accountId);
    if (!account) return undefined;
    return {
      sub: account.accountId,
      email: account.email,
      email_verified: true,
      name: account.name,
      groups: account.roles,
    };
  }
}
