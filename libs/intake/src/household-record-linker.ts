/**
 * A partner's record of a household, matched to Unisson's household: the one it already belongs
 * to, else the household of the record household matching links it to, else a new household.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdsRepository, PartnerRecord, toE164 } from '@unisson/households';
import { LinkageService } from '@unisson/linkage';
import { departementOfPostalCode } from '@unisson/vocabulary';
import type { AlertInput } from './dto/submission.schemas';

export type Linkage = 'existing' | 'link' | 'review' | 'new-household';

export type RecordIdentity = Pick<AlertInput, 'tenant' | 'address' | 'contacts'> & { cafNumber?: string };

/** A partner record's id, derived from who sent it and their reference: a retried job links the same record. */
function recordIdOf(partnerId: string, partnerRef: string): string {
  const h = createHash('sha256').update(`${partnerId}\u0000${partnerRef}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class HouseholdRecordLinker {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly linkage: LinkageService,
  ) {}

  async upsertRecord(
    manager: EntityManager,
    partnerId: string,
    partnerRef: string,
    identity: RecordIdentity,
    preferredLocale: string,
  ): Promise<{ record: PartnerRecord; linkage: Linkage }> {
    const existing = await this.households.findRecordByRef(manager, partnerId, partnerRef);
    const fields = {
      partnerId,
      partnerRef,
      lastName: identity.tenant.lastName,
      firstName: identity.tenant.firstName,
      birthDate: identity.tenant.birthDate ?? null,
      street: identity.address.street,
      addressExtra: identity.address.extra ?? null,
      postalCode: identity.address.postalCode,
      city: identity.address.city,
      phone: toE164(identity.contacts.phone),
      email: identity.contacts.email ?? null,
      cafNumber: identity.cafNumber ?? existing?.cafNumber ?? null,
    };
    if (existing?.householdId) {
      return { record: await this.households.saveRecord(manager, existing, fields, existing.householdId), linkage: 'existing' };
    }
    const territory = departementOfPostalCode(identity.address.postalCode);
    const recordId = recordIdOf(partnerId, partnerRef);
    // Matching reads and writes through this job's transaction: one connection per job.
    const decision = await this.linkage.linkRecord(territory, { ...fields, recordId }, manager);
    const linkedTo =
      decision.decision === 'link' && decision.householdKey
        ? (await this.households.findRecordHouseholds([decision.householdKey], manager)).get(decision.householdKey)
        : undefined;
    const householdId = linkedTo ?? (await this.households.createHousehold(manager, territory, preferredLocale)).id;
    const record = await this.households.saveRecord(manager, null, fields, householdId, recordId);
    return { record, linkage: linkedTo ? 'link' : decision.decision === 'review' ? 'review' : 'new-household' };
  }
}
