import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountSession } from './entities/account-session.entity';
import { Account } from './entities/account.entity';
import { Partner } from './entities/partner.entity';
import { SharingAgreement } from './entities/sharing-agreement.entity';

/** A signed-in person's session, with what the policy needs to know about them. */
export interface ActiveSessionRow {
  sessionId: string;
  accountId: string;
  role: Account['role'];
  partnerId: string | null;
  partnerKind: string | null;
  territories: string[] | null;
  expiresAt: Date;
}

/** An account as pages and the admin API show it: never its password hash. */
export interface AccountView {
  id: string;
  partnerId: string | null;
  email: string;
  displayName: string;
  role: Account['role'];
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  disabledAt: Date | null;
}

const toAccountView = (a: Account): AccountView => ({
  id: a.id,
  partnerId: a.partnerId,
  email: a.email,
  displayName: a.displayName,
  role: a.role,
  lockedUntil: a.lockedUntil,
  lastLoginAt: a.lastLoginAt,
  createdAt: a.createdAt,
  disabledAt: a.disabledAt,
});

@Injectable()
export class AccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The account to check a password against (enabled, of an enabled partner or of none). */
  async findSignInAccount(email: string): Promise<Account | null> {
    return this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .leftJoin(Partner, 'p', 'p.id = a.partner_id')
      .where('a.email = :email AND a.disabled_at IS NULL AND p.disabled_at IS NULL', { email })
      .getOne();
  }

  async recordFailedSignIn(id: string, failedAttempts: number, lockedUntil: Date | null): Promise<void> {
    await this.dataSource.getRepository(Account).update({ id }, { failedAttempts, lockedUntil });
  }

  async recordSignIn(id: string): Promise<void> {
    await this.dataSource
      .getRepository(Account)
      .update({ id }, { failedAttempts: 0, lockedUntil: null, lastLoginAt: () => 'now()' } as never);
  }

  async insertSession(accountId: string, tokenHash: string, expiresAt: Date): Promise<string> {
    const result = await this.dataSource.getRepository(AccountSession).insert({ accountId, tokenHash, expiresAt });
    return (result.identifiers[0] as { id: string }).id;
  }

  async findActiveSession(tokenHash: string): Promise<ActiveSessionRow | null> {
    const rows: ActiveSessionRow[] = await this.dataSource.query(
      `SELECT s.id AS "sessionId", a.id AS "accountId", a.role, a.partner_id AS "partnerId", p.kind AS "partnerKind",
              p.territories, s.expires_at AS "expiresAt"
         FROM account_session s
         JOIN account a ON a.id = s.account_id
         LEFT JOIN partner p ON p.id = a.partner_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND a.disabled_at IS NULL AND p.disabled_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(AccountSession).update({ id: sessionId }, { revokedAt: () => 'now()' } as never);
  }

  async revokeSessionsOfAccount(accountId: string): Promise<void> {
    await this.dataSource.query(`UPDATE account_session SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`, [accountId]);
  }

  async insertAccount(account: Pick<Account, 'partnerId' | 'email' | 'displayName' | 'role' | 'passwordHash'>): Promise<AccountView> {
    const repo = this.dataSource.getRepository(Account);
    return toAccountView(await repo.save(repo.create(account)));
  }

  async findAccount(id: string): Promise<AccountView | null> {
    const account = await this.dataSource.getRepository(Account).findOne({ where: { id } });
    return account ? toAccountView(account) : null;
  }

  async findAccountByEmail(email: string): Promise<AccountView | null> {
    const account = await this.dataSource.getRepository(Account).findOne({ where: { email } });
    return account ? toAccountView(account) : null;
  }

  async listAccounts(partnerId?: string | null): Promise<AccountView[]> {
    const qb = this.dataSource.getRepository(Account).createQueryBuilder('a').orderBy('a.created_at', 'ASC');
    if (partnerId === null) qb.where('a.partner_id IS NULL');
    else if (partnerId) qb.where('a.partner_id = :partnerId', { partnerId });
    return (await qb.getMany()).map(toAccountView);
  }

  async updateAccount(
    id: string,
    changes: Partial<Pick<Account, 'passwordHash' | 'role' | 'displayName' | 'disabledAt' | 'failedAttempts' | 'lockedUntil'>>,
  ): Promise<void> {
    await this.dataSource.getRepository(Account).update({ id }, changes);
  }

  listAgreements(territory?: string): Promise<SharingAgreement[]> {
    return this.dataSource.getRepository(SharingAgreement).find({
      where: territory ? { territory } : {},
      order: { territory: 'ASC', partnerKind: 'ASC' },
    });
  }

  findAgreement(territory: string, partnerKind: string): Promise<SharingAgreement | null> {
    return this.dataSource.getRepository(SharingAgreement).findOne({ where: { territory, partnerKind } });
  }

  async upsertAgreement(
    agreement: Pick<SharingAgreement, 'territory' | 'partnerKind' | 'fields' | 'reference' | 'updatedBy'>,
  ): Promise<SharingAgreement> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SharingAgreement)
      .values(agreement)
      .orUpdate(['fields', 'reference', 'updated_by', 'updated_at'], ['territory', 'partner_kind'])
      .execute();
    return (await this.findAgreement(agreement.territory, agreement.partnerKind))!;
  }
}
