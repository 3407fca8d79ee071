import type { MixedList } from 'typeorm';
import { ContactIntentRow } from './entities/contact-intent.entity';
import { ContactPlanRow } from './entities/contact-plan.entity';
import { CoordinationEventRow } from './entities/coordination-event.entity';
import { PlannedContactRow } from './entities/planned-contact.entity';
import { InvalidEmailAddressRow } from './entities/invalid-email-address.entity';
import { InvalidPhoneNumberRow } from './entities/invalid-phone-number.entity';
import { ReturnedLandlordAddressRow } from './entities/returned-landlord-address.entity';
import { ReturnedPostalAddressRow } from './entities/returned-postal-address.entity';
import { Coordination1790000200000 } from './migrations/1790000200000-coordination';
import { PlanStatesAndReturnedAddresses1791000000001 } from './migrations/1791000000001-plan-states-and-returned-addresses';
import { PlannedContactDueIndex1792000000001 } from './migrations/1792000000001-planned-contact-due-index';
import { InvalidEmailAddresses1800000000001 } from './migrations/1800000000001-invalid-email-addresses';
import { KeyedAddressKeys1810000000003 } from './migrations/1810000000003-keyed-address-keys';
import { InvalidPhoneNumbers1813000000001 } from './migrations/1813000000001-invalid-phone-numbers';
import { ReturnedLandlordAddresses1818000000001 } from './migrations/1818000000001-returned-landlord-addresses';

/** Tables owned by the coordination engine. */
export const coordinationEntities: MixedList<Function> = [
  ContactIntentRow,
  ContactPlanRow,
  PlannedContactRow,
  CoordinationEventRow,
  ReturnedPostalAddressRow,
  InvalidEmailAddressRow,
  InvalidPhoneNumberRow,
  ReturnedLandlordAddressRow,
];
export const coordinationMigrations: MixedList<Function> = [
  Coordination1790000200000,
  PlanStatesAndReturnedAddresses1791000000001,
  PlannedContactDueIndex1792000000001,
  InvalidEmailAddresses1800000000001,
  KeyedAddressKeys1810000000003,
  InvalidPhoneNumbers1813000000001,
  ReturnedLandlordAddresses1818000000001,
];
