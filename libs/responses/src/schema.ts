import type { MixedList } from 'typeorm';
import { ResponseEvent } from './entities/response-event.entity';
import { ResponseEvents1795900000000 } from './migrations/1795900000000-response-events';
import { ResponseFeedOrder1801000000003 } from './migrations/1801000000003-response-feed-order';

export const responsesEntities: MixedList<Function> = [ResponseEvent];
export const responsesMigrations: MixedList<Function> = [ResponseEvents1795900000000, ResponseFeedOrder1801000000003];
