import { Module } from '@nestjs/common';
import { HouseholdsModule } from '@unisson/households';
import { MessagingModule } from '@unisson/messaging';
import { RedisRateLimiter } from '@unisson/platform';
import { TasksModule } from '@unisson/tasks';
import { ResponsePageController } from './http/response-page.controller';
import { PageFactsReader } from './page-facts.reader';
import { ResponsePageService } from './response-page.service';
import { ResponseLinks } from './response-links';
import { ResponseLinksRepository } from './response-links.repository';

/** Response links for the senders (letters, e-mail, SMS) and the shared notice: apps/api and apps/worker. */
@Module({ providers: [ResponseLinksRepository, ResponseLinks], exports: [ResponseLinks] })
export class ResponseLinksModule {}

/** The public page `/r/<token>` (apps/api; needs `CoordinationModule.forRoot`, `ResponsesModule` and `PartnersModule`). */
@Module({
  imports: [ResponseLinksModule, MessagingModule, HouseholdsModule, TasksModule],
  providers: [PageFactsReader, ResponsePageService, RedisRateLimiter],
  controllers: [ResponsePageController],
})
export class ResponsePageHttpModule {}
