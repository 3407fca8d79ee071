import { Module } from '@nestjs/common';
import { HouseholdsModule } from '@unisson/households';
import { MessagingModule } from '@unisson/messaging';
import { HTML_ERROR_PAGE, RedisRateLimiter } from '@unisson/platform';
import { TasksModule } from '@unisson/tasks';
import { ResponsePageController } from './http/response-page.controller';
import { ResponsePageRefusals } from './http/response-page-refusals';
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
  providers: [
    PageFactsReader,
    ResponsePageService,
    RedisRateLimiter,
    ResponsePageRefusals,
    // The API's error filter answers the page's refusals with the page (see ResponsePageRefusals).
    { provide: HTML_ERROR_PAGE, useExisting: ResponsePageRefusals },
  ],
  controllers: [ResponsePageController],
  exports: [HTML_ERROR_PAGE],
})
export class ResponsePageHttpModule {}
