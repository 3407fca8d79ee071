import { Module } from '@nestjs/common';
import { ResponseLinks } from './response-links';
import { ResponseLinksRepository } from './response-links.repository';

/** Response links for the senders (letters, e-mail, SMS) and the shared notice: apps/api and apps/worker. */
@Module({ providers: [ResponseLinksRepository, ResponseLinks], exports: [ResponseLinks] })
export class ResponseLinksModule {}
