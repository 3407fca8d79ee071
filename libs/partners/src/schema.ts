import type { MixedList } from 'typeorm';
import { AccountSession } from './entities/account-session.entity';
import { Account } from './entities/account.entity';
import { PartnerPostalAddress } from './entities/partner-postal-address.entity';
import { SharingAgreement } from './entities/sharing-agreement.entity';
import { Access1795000000000 } from './migrations/1795000000000-access';
import { LandlordPostalAddress1818000000000 } from './migrations/1818000000000-landlord-postal-address';

/** People's accounts, their sessions, the sharing agreements and private landlords' postal addresses (partners and keys are in the foundation). */
export const partnersEntities: MixedList<Function> = [Account, AccountSession, SharingAgreement, PartnerPostalAddress];
export const partnersMigrations: MixedList<Function> = [Access1795000000000, LandlordPostalAddress1818000000000];
