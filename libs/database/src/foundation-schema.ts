import { Household } from '../../households/src/entities/household.entity';
import { HouseholdOptOut } from '../../households/src/entities/household-opt-out.entity';
import { PartnerRecord } from '../../households/src/entities/partner-record.entity';
import { Procedure } from '../../households/src/entities/procedure.entity';
import { StageEvent } from '../../households/src/entities/stage-event.entity';
import { PartnerSubmission } from '../../intake/src/entities/partner-submission.entity';
import { InboundResponse } from '../../messaging/src/entities/inbound-response.entity';
import { MessageStatusEvent } from '../../messaging/src/entities/message-status-event.entity';
import { OutboundMessage } from '../../messaging/src/entities/outbound-message.entity';
import { PartnerApiKey } from '../../partners/src/entities/partner-api-key.entity';
import { Partner } from '../../partners/src/entities/partner.entity';
import { AuditEntry } from '../../platform/src/audit-entry.entity';
import { Foundation1790000000000 } from './migrations/1790000000000-foundation';
import { ProcedureStages1791000000000 } from './migrations/1791000000000-procedure-stages';
import { DispatchReconciliation1792000000000 } from './migrations/1792000000000-dispatch-reconciliation';
import { StageEventFeedOrder1801000000004 } from './migrations/1801000000004-stage-event-feed-order';
import { HouseholdContactPreferences1798000000100 } from './migrations/1798000000100-household-contact-preferences';
import { PersonalDataSealed1810000000000 } from './migrations/1810000000000-personal-data-sealed';

export const foundationEntities = [
  Partner,
  PartnerApiKey,
  Household,
  PartnerRecord,
  Procedure,
  StageEvent,
  HouseholdOptOut,
  PartnerSubmission,
  OutboundMessage,
  MessageStatusEvent,
  InboundResponse,
  AuditEntry,
];
export const foundationMigrations = [
  Foundation1790000000000,
  ProcedureStages1791000000000,
  DispatchReconciliation1792000000000,
  StageEventFeedOrder1801000000004,
  HouseholdContactPreferences1798000000100,
  PersonalDataSealed1810000000000,
];
