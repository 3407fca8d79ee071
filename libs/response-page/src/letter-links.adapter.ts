import { randomBytes } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import { LetterLink, LetterLinkRequest, LetterLinks } from '@unisson/letters';
import { formatTrackingCode, normaliseTrackingCode, trackingCodeFromBytes } from './domain/tracking-code';
import { ResponseLinks } from './response-links';
import { ResponseLinksModule } from './response-page.module';

/** Response links as the letters' port: what a printed letter or the shared notice carries. */
@Injectable()
export class ResponseLinksForLetters extends LetterLinks {
  constructor(private readonly links: ResponseLinks) {
    super();
  }

  async issue(request: LetterLinkRequest): Promise<LetterLink> {
    const issued = await this.links.issue(request);
    return { url: issued.url, shortCode: issued.shortCode, shortCodeDisplay: issued.shortCodeDisplay };
  }

  trackingCodeOnly(): Pick<LetterLink, 'shortCode' | 'shortCodeDisplay'> {
    for (;;) {
      const code = trackingCodeFromBytes(randomBytes(5));
      if (code) return { shortCode: code, shortCodeDisplay: formatTrackingCode(code) };
    }
  }

  normalise(typed: string): string | null {
    return normaliseTrackingCode(typed);
  }
}

/** `LetterLinks` for every module of an app (the letter sender sits inside messaging). apps/api and apps/worker. */
@Global()
@Module({
  imports: [ResponseLinksModule],
  providers: [{ provide: LetterLinks, useClass: ResponseLinksForLetters }],
  exports: [LetterLinks],
})
export class LetterLinksModule {}
