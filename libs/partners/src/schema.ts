import type { MixedList } from 'typeorm';
import { AccountSession } from './entities/account-session.entity';
import { Account } from './entities/account.entity';
import { SharingAgreement } from './entities/sharing-agreement.entity';
import { Access1795000000000 } from './migrations/1795000000000-access';

/** People's accounts, their sessions and the sharing agreements (partners and keys are in the foundation). */
export const partnersEntities: MixedList<Function> = [Account, AccountSession, SharingAgreement];
export const partnersMigrations: MixedList<Function> = [Access1795000000000];
