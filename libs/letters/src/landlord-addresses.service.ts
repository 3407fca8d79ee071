import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@unisson/access';
import { CoordinationService } from '@unisson/coordination';
import { HouseholdsRepository } from '@unisson/households';
import { DirectoryService, type PartnerPostalAddress } from '@unisson/partners';
import type { AddressBlockResult, PostalAddress } from './domain/address-block';
import { addressBlock } from './domain/address-block';

/**
 * A private landlord's postal address, set or forgotten by an admin (API and page): checked for
 * the window envelope, kept by partners, then the plans of the landlord's tenants follow at once
 * (a letter to the landlord planned, or withdrawn), not at their next event.
 */
@Injectable()
export class LandlordAddresses {
  private readonly logger = new Logger('LandlordAddresses');

  constructor(
    private readonly directory: DirectoryService,
    private readonly households: HouseholdsRepository,
    private readonly coordination: CoordinationService,
  ) {}

  /** The address's block, or its problems (each naming its field); nothing is kept when it has any. */
  async set(
    actor: Principal,
    partnerId: string,
    address: PostalAddress,
  ): Promise<{ block: AddressBlockResult; stored?: PartnerPostalAddress }> {
    const block = addressBlock(address);
    if (!block.ok) return { block };
    const stored = await this.directory.setLandlordPostalAddress(actor, partnerId, {
      name: address.name,
      addressExtra: address.addressExtra ?? null,
      street: address.street,
      postalCode: address.postalCode,
      city: address.city,
      lines: block.lines,
    });
    await this.replanTenants(partnerId);
    return { block, stored };
  }

  async remove(actor: Principal, partnerId: string): Promise<void> {
    await this.directory.removeLandlordPostalAddress(actor, partnerId);
    await this.replanTenants(partnerId);
  }

  private async replanTenants(partnerId: string): Promise<void> {
    const households = await this.households.findHouseholdsOfLandlord(partnerId);
    for (const householdId of households) await this.coordination.replan(householdId);
    if (households.length) this.logger.log({ households: households.length }, 'plans of the landlord’s tenants re-made');
  }
}
