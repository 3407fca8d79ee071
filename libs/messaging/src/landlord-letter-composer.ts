import { Injectable } from '@nestjs/common';
import type { PlannedContactRecord } from '@unisson/coordination';
import type { HouseholdFacts } from '@unisson/households';
import { Partner, PartnerDirectoryReader } from '@unisson/partners';
import { composeLandlordLetter, loadLandlordLetters, type ComposedLandlordLetter, type LandlordLetter } from '@unisson/templates';

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

export type LandlordLetterResult =
  { recipient: string; composed: ComposedLandlordLetter } | { missing: 'NO_RECIPIENT' | 'NOT_WORDED'; reason: string };

/** The facts a letter to the landlord names: the landlord, its tenant and the dwelling, the hearing, the team writing. */
export function landlordLetterValues(
  landlordName: string,
  facts: HouseholdFacts,
  lead: { name: string; phone: string | null },
): Record<string, string | null> {
  const record = facts.records[0];
  const hearingAt = facts.procedure?.hearingAt;
  return {
    landlordName,
    tenantName: record ? `${record.firstName} ${record.lastName}` : null,
    dwellingAddress: record ? [record.street, record.addressExtra, `${record.postalCode} ${record.city}`].filter(Boolean).join(', ') : null,
    hearingDate: hearingAt ? PARIS_DAY.format(hearingAt) : null,
    partnerName: lead.name || null,
    partnerPhone: lead.phone,
  };
}

/**
 * A planned letter to the household's private landlord, made a message: addressed to the
 * landlord (its partner's postal address, through the partners' public reader, never the
 * household's), worded in French by the templates/landlord/ letter of its purpose.
 */
@Injectable()
export class LandlordLetterComposer {
  private readonly letters: readonly LandlordLetter[] = loadLandlordLetters();

  constructor(private readonly directory: PartnerDirectoryReader) {}

  async compose(contact: PlannedContactRecord, facts: HouseholdFacts, lead: Partner | undefined): Promise<LandlordLetterResult> {
    const partnerId = facts.procedure?.landlordPartnerId;
    const landlord = partnerId ? await this.directory.privateLandlordAddress(partnerId) : null;
    if (!landlord) return { missing: 'NO_RECIPIENT', reason: 'no private landlord with a postal address' };
    const letter = this.letters.find((l) => l.purposes.includes(contact.purpose));
    if (!letter) return { missing: 'NOT_WORDED', reason: 'no templates/landlord/ letter words this purpose' };
    const values = landlordLetterValues(landlord.lines[0], facts, {
      name: lead?.name ?? '',
      phone: contact.callbackPhone ?? lead?.publicPhone ?? null,
    });
    try {
      return { recipient: landlord.lines.join('\n'), composed: composeLandlordLetter(letter, values, lead?.name ?? '') };
    } catch {
      // A fact the letter needs is unknown and has no fallback (the team's number): not sent rather than half worded.
      return { missing: 'NOT_WORDED', reason: 'a fact the letter needs is unknown' };
    }
  }
}
