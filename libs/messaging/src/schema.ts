import type { MixedList } from 'typeorm';
import { CallStatusEvent } from './entities/call-status-event.entity';
import { ClickToCallRecord } from './entities/click-to-call.entity';
import { EmailBounce } from './entities/email-bounce.entity';
import { VoiceAndEmail1800000000000 } from './migrations/1800000000000-voice-and-email';

/** Voice and e-mail tables (outbound messages themselves are in the foundation). */
export const messagingEntities: MixedList<Function> = [ClickToCallRecord, CallStatusEvent, EmailBounce];
export const messagingMigrations: MixedList<Function> = [VoiceAndEmail1800000000000];
