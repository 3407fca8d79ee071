import { Injectable } from '@nestjs/common';
import { CoordinationRepository } from '@unisson/coordination';
import { HouseholdMessagesReader } from '@unisson/messaging';
import { PartnersRepository } from '@unisson/partners';
import type { PageFacts, PartnerFact } from './domain/page-model';
import type { ResponseLinkView } from './domain/response-link';

/**
 * What the page may show about a link, read through the other capabilities' public readers: the
 * message's signers (messaging), the planned contact's number to call (coordination), the
 * partners' names and public numbers (partners). Nothing about the debt is read.
 */
@Injectable()
export class PageFactsReader {
  constructor(
    private readonly messages: HouseholdMessagesReader,
    private readonly coordination: CoordinationRepository,
    private readonly partners: PartnersRepository,
  ) {}

  async read(link: ResponseLinkView): Promise<PageFacts> {
    let signerIds: string[] = [];
    let callbackPhone: string | null = null;
    let territory = link.territory;
    if (link.householdId && !link.viaNotice) {
      const message = link.messageId ? await this.messages.signersOf(link.householdId, link.messageId) : null;
      signerIds = message?.signingPartnerIds ?? [];
      const contactKey = link.plannedContactKey ?? message?.plannedContactKey ?? null;
      const found = await this.coordination.findPlan(link.householdId);
      const contact = contactKey ? found?.contacts.find((c) => c.key === contactKey) : undefined;
      if (contact) {
        if (!signerIds.length) signerIds = [contact.leadPartnerId, ...contact.coSigningPartnerIds];
        callbackPhone = contact.callbackPhone;
      }
      territory = territory ?? (found?.plan.territory as string | undefined) ?? null;
    }
    const [signers, local] = await Promise.all([
      this.partners.findPartnersByIds([...new Set(signerIds)]),
      territory ? this.partners.findPartnersOfTerritory(territory) : Promise.resolve([]),
    ]);
    const fact = (p: { id: string; name: string; kind: string; publicPhone: string | null }): PartnerFact => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      publicPhone: p.publicPhone,
    });
    const byId = new Map(signers.map((p) => [p.id, fact(p)]));
    return {
      link,
      signers: signerIds.map((id) => byId.get(id)).filter((p): p is PartnerFact => !!p),
      callbackPhone,
      territoryPartners: local.map(fact),
    };
  }
}
