export { ResponseLinksModule, ResponsePageHttpModule } from './response-page.module';
export { ResponseLinks, ResponseLinkRequestError, ResolvedLink } from './response-links';
export { ResponseLinksRepository } from './response-links.repository';
export { IssuedLink, IssueLinkRequest, NOTICE_PURPOSE, ResponseLinkView, linkRequestProblems } from './domain/response-link';
export { formatTrackingCode, normaliseTrackingCode } from './domain/tracking-code';
export { responsePageEntities, responsePageMigrations } from './schema';
export { LetterLinksModule, ResponseLinksForLetters } from './letter-links.adapter';
