import { Inject, Injectable } from '@nestjs/common';
import { grantedFields, Principal, roleMisfit } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { UnissonError } from '@unisson/platform';
import { AccountsRepository, AccountView } from './accounts.repository';
import { AuthenticationService } from './authentication.service';
import { generateApiKey } from './domain/api-key';
import { hashPassword, passwordProblem } from './domain/password';
import {
  AccountChangesInput,
  AgreementInput,
  NewAccountInput,
  NewKeyInput,
  NewPartnerInput,
  PartnerChangesInput,
} from './dto/directory.schemas';
import { Partner } from './entities/partner.entity';
import { PartnerPostalAddress, PartnerPostalAddressValue } from './entities/partner-postal-address.entity';
import { ApiKeyAuthenticator } from './http/api-key-authenticator';
import { KeyView, PartnersRepository } from './partners.repository';

export interface IssuedKey {
  /** Shown once; only its keyed hash is stored. */
  token: string;
  key: KeyView;
}

/**
 * The admins' use cases: partners and their territories, API keys (issue, rotate with an overlap,
 * revoke), people's accounts and the territories' sharing agreements. Every change is audited.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly partners: PartnersRepository,
    private readonly accounts: AccountsRepository,
    private readonly keys: ApiKeyAuthenticator,
    private readonly authentication: AuthenticationService,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createPartner(actor: Principal, input: NewPartnerInput): Promise<Partner> {
    if (await this.partners.findPartnerBySlug(input.slug)) {
      throw UnissonError.conflict('PARTNER_SLUG_TAKEN', `Le partenaire « ${input.slug} » existe déjà : choisissez un autre identifiant.`);
    }
    const territories = [...new Set(input.territories)];
    const partner = await this.partners.insertPartner({
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      territory: territories[0],
      territories,
      publicPhone: input.publicPhone ?? null,
    });
    await this.trail(actor, 'partner.create', 'partner', partner.id);
    return partner;
  }

  async updatePartner(actor: Principal, id: string, changes: PartnerChangesInput): Promise<Partner> {
    const partner = await this.requirePartner(id);
    const territories = changes.territories ? [...new Set(changes.territories)] : undefined;
    await this.partners.updatePartner(id, {
      ...(changes.name ? { name: changes.name } : {}),
      ...(territories ? { territories, territory: territories.includes(partner.territory) ? partner.territory : territories[0] } : {}),
      ...(changes.publicPhone !== undefined ? { publicPhone: changes.publicPhone ?? null } : {}),
      ...(changes.disabled !== undefined ? { disabledAt: changes.disabled ? new Date() : null } : {}),
    });
    // Its keys' cached principals carry its territories and its being enabled: drop them, so that
    // disabling (or narrowing its territories) takes effect on the next request, not 30 s later.
    this.keys.forgetPartner(id);
    await this.trail(actor, changes.disabled ? 'partner.disable' : 'partner.update', 'partner', id, Object.keys(changes));
    return (await this.partners.findPartner(id))!;
  }

  async issueKey(actor: Principal, partnerId: string, input: NewKeyInput): Promise<IssuedKey> {
    await this.requirePartner(partnerId);
    const generated = generateApiKey(this.config.security.appSecret);
    const id = await this.partners.insertApiKey({
      partnerId,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: [...new Set(input.scopes)],
      label: input.label,
    });
    await this.trail(actor, 'api_key.issue', 'api_key', id);
    return { token: generated.token, key: (await this.partners.findKey(id))! };
  }

  /** A new key with the same scopes; the old one keeps working `overlapHours` more, then stops. */
  async rotateKey(actor: Principal, keyId: string, overlapHours: number): Promise<IssuedKey> {
    const old = await this.partners.findKey(keyId);
    if (!old || old.revokedAt || old.replacedByKeyId) {
      throw UnissonError.conflict(
        'KEY_NOT_ROTATABLE',
        'Cette clé est inconnue, révoquée ou déjà renouvelée : renouvelez la clé qui l’a remplacée.',
      );
    }
    const issued = await this.issueKey(actor, old.partnerId, {
      label: `${old.label} (renouvelée)`,
      scopes: old.scopes as NewKeyInput['scopes'],
    });
    await this.partners.markKeyRotated(keyId, issued.key.id, new Date(Date.now() + overlapHours * 3600_000));
    if (overlapHours === 0) this.keys.forget(old.prefix);
    await this.trail(actor, 'api_key.rotate', 'api_key', keyId);
    return issued;
  }

  async revokeKey(actor: Principal, keyId: string): Promise<KeyView> {
    const key = await this.partners.findKey(keyId);
    if (!key) throw UnissonError.notFound();
    await this.partners.revokeKey(keyId);
    this.keys.forget(key.prefix);
    await this.trail(actor, 'api_key.revoke', 'api_key', keyId);
    return (await this.partners.findKey(keyId))!;
  }

  async createAccount(actor: Principal, input: NewAccountInput): Promise<AccountView> {
    const partner = input.partnerId ? await this.requirePartner(input.partnerId) : null;
    const misfit = roleMisfit(input.role, partner?.kind ?? null);
    if (misfit) throw UnissonError.validation([{ field: 'role', message: misfit }]);
    const weak = passwordProblem(input.password, input.email);
    if (weak) throw UnissonError.validation([{ field: 'password', message: `le mot de passe ${weak}` }]);
    if (await this.accounts.findAccountByEmail(input.email)) {
      throw UnissonError.conflict('ACCOUNT_EMAIL_TAKEN', 'Un compte existe déjà avec cette adresse : modifiez-le plutôt.');
    }
    const account = await this.accounts.insertAccount({
      partnerId: partner?.id ?? null,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    await this.trail(actor, 'account.create', 'account', account.id);
    return account;
  }

  async updateAccount(actor: Principal, id: string, changes: AccountChangesInput): Promise<AccountView> {
    const account = await this.accounts.findAccount(id);
    if (!account) throw UnissonError.notFound();
    if (changes.password !== undefined) {
      const weak = passwordProblem(changes.password, account.email);
      if (weak) throw UnissonError.validation([{ field: 'password', message: `le mot de passe ${weak}` }]);
    }
    const update = {
      ...(changes.password !== undefined ? { passwordHash: await hashPassword(changes.password) } : {}),
      ...(changes.disabled !== undefined ? { disabledAt: changes.disabled ? new Date() : null } : {}),
      ...(changes.unlock || changes.password !== undefined ? { failedAttempts: 0, lockedUntil: null } : {}),
    };
    // `{"unlock": false}` asks for nothing: no UPDATE without a column (TypeORM refuses it).
    if (Object.keys(update).length) await this.accounts.updateAccount(id, update);
    // The lock is also counted by e-mail in Redis (as for e-mails without an account): lift it too.
    if (changes.unlock || changes.password !== undefined) await this.authentication.forgetFailedSignIns(account.email);
    if (changes.disabled || changes.password !== undefined) await this.accounts.revokeSessionsOfAccount(id);
    await this.trail(actor, changes.disabled ? 'account.disable' : 'account.update', 'account', id, Object.keys(changes));
    return (await this.accounts.findAccount(id))!;
  }

  async setAgreement(actor: Principal, input: AgreementInput) {
    const agreement = await this.accounts.upsertAgreement({
      territory: input.territory,
      partnerKind: input.partnerKind,
      fields: grantedFields(input.fields),
      reference: input.reference ?? null,
      updatedBy: actor.type === 'person' ? actor.accountId : null,
    });
    await this.trail(actor, 'sharing_agreement.set', 'sharing_agreement', `${input.territory}:${input.partnerKind}`, agreement.fields);
    return agreement;
  }

  /**
   * The postal address of a private landlord partner, where the letters to the landlord go. The
   * address block is checked by the caller (libs/letters' NF Z 10-011 rules) and kept sealed.
   * Only a `bailleur_prive` has one: letters to other partners are not written by Unisson.
   */
  async setLandlordPostalAddress(actor: Principal, id: string, address: PartnerPostalAddressValue): Promise<PartnerPostalAddress> {
    const partner = await this.requirePartner(id);
    if (partner.kind !== 'bailleur_prive')
      throw UnissonError.conflict(
        'NOT_A_PRIVATE_LANDLORD',
        `Le partenaire « ${partner.slug} » n'est pas un bailleur privé : seule l'adresse d'un bailleur privé reçoit les courriers au bailleur.`,
      );
    const saved = await this.partners.savePostalAddress(id, address);
    await this.trail(actor, 'partner.postal_address.set', 'partner', id, ['postalAddress']);
    return saved;
  }

  /** Forgets a private landlord's postal address (it moved, or asked to be forgotten): no letter to the landlord is planned any more. */
  async removeLandlordPostalAddress(actor: Principal, id: string): Promise<void> {
    await this.requirePartner(id);
    if (!(await this.partners.deletePostalAddress(id))) throw UnissonError.notFound();
    await this.trail(actor, 'partner.postal_address.remove', 'partner', id, ['postalAddress']);
  }

  /** A private landlord's postal address, as the admin set it (404 when none). */
  async landlordPostalAddress(id: string): Promise<PartnerPostalAddress> {
    await this.requirePartner(id);
    const found = await this.partners.findPostalAddress(id);
    if (!found) throw UnissonError.notFound();
    return found;
  }

  /** The fields of the shared view a partner kind may see on a territory (baseline without an agreement). */
  async fieldsFor(territory: string, partnerKind: string) {
    const agreement = await this.accounts.findAgreement(territory, partnerKind);
    return grantedFields(agreement?.fields ?? null);
  }

  private async requirePartner(id: string): Promise<Partner> {
    const partner = await this.partners.findPartner(id);
    if (!partner) throw UnissonError.notFound();
    return partner;
  }

  private trail(actor: Principal, action: string, subjectType: string, subjectId: string, fields?: string[]): Promise<void> {
    return this.audit.record({ actor, action, subjectType, subjectId, outcome: 'success', fields, correlationId: null });
  }
}
