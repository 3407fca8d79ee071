import type { MixedList } from 'typeorm';
import { ResponseLink } from './entities/response-link.entity';
import { ResponseLinks1798000000000 } from './migrations/1798000000000-response-links';

export const responsePageEntities: MixedList<Function> = [ResponseLink];
export const responsePageMigrations: MixedList<Function> = [ResponseLinks1798000000000];
