import type { MixedList } from 'typeorm';
import { CallStatusEvent } from './entities/call-status-event.entity';
import { ClickToCallRecord } from './entities/click-to-call.entity';
import { EmailBounce } from './entities/email-bounce.entity';
import { VoiceAndEmail1800000000000 } from './migrations/1800000000000-voice-and-email';
import { EmailBounceBlindIndex1810000000002 } from './migrations/1810000000002-email-bounce-blind-index';

/** Voice and e-mail tables (outbound messages themselves are in the foundation). */
export const messagingEntities: MixedList<Function> = [ClickToCallRecord, CallStatusEvent, EmailBounce];
export const messagingMigrations: MixedList<Function> = [VoiceAndEmail1800000000000, EmailBounceBlindIndex1810000000002];
