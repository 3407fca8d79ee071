import { Injectable } from '@nestjs/common';
import { PartnersRepository } from '@unisson/partners';
import { formatPhone, LOCALE_INFO, type Locale, TemplateLibrary } from '@unisson/templates';
import { STAGE_LABELS, type ProcedureStage } from '@unisson/vocabulary';
import type { Run } from './domain/composer-letter';
import type { TypstLetter } from './domain/letter-document';
import { TypstPdfEngine } from './engine/typst-pdf-engine';
import { LetterLinks, NOTICE_LINK_PURPOSE } from './letter-links';
import { pictogramSvg } from './engine/pictograms';
import { qrPng } from './engine/qr-code';
import { keepNumbersLeftToRight, letterLabels } from './letter-composition';

/** The partner kinds a household is pointed to on the notice, in this order. */
const CONTACT_KINDS = ['adil', 'ccas', 'departement', 'caf'];

export interface NoticeRequest {
  stage: ProcedureStage;
  territory: string;
  locale: Locale;
  householdId: string | null;
  /** The partner fetching it (a commissaire de justice attaching it to an act…). */
  partnerId: string | null;
}

/**
 * The shared notice the Département wrote for every partner to attach at every stage: what the
 * stage means, what to do now, who to call near home (ADIL, CCAS, social services, CAF), and a
 * response link whose tracking code is the notice's own: a visit through it is a response
 * attributed to the notice (the response page records it). Personalised when a household is given.
 */
@Injectable()
export class SharedNotices {
  constructor(
    private readonly partners: PartnersRepository,
    private readonly links: LetterLinks,
    private readonly library: TemplateLibrary,
  ) {}

  async render(request: NoticeRequest): Promise<{ pdf: Buffer; trackingCode: string }> {
    const words = this.words(request.locale);
    const stage = STAGE_LABELS[request.stage];
    const fill = (s: string) => s.replace(/\{stage\}/g, stage);
    const territoryPartners = await this.partners.findPartnersOfTerritory(request.territory);
    const contacts = CONTACT_KINDS.flatMap((kind) => territoryPartners.filter((p) => p.kind === kind && !p.disabledAt));
    const link = await this.links.issue({
      householdId: request.householdId,
      purpose: NOTICE_LINK_PURPOSE,
      locale: request.locale,
      stage: request.stage,
      territory: request.territory,
      partnerId: request.partnerId,
    });
    const rtl = LOCALE_INFO[request.locale].direction === 'rtl';
    const lines = (text: string): Run[][] => {
      const runs = text.split('\n').map((t) => [{ t }]);
      return rtl ? keepNumbersLeftToRight(runs) : runs;
    };
    const contactLines: Run[][] = contacts.length
      ? contacts.map((p) => [{ t: `${p.name} : ` }, ...(p.publicPhone ? [{ t: formatPhone(p.publicPhone), b: true, ltr: true }] : [])])
      : lines(words.noContacts);
    const labels = letterLabels(this.library, request.locale);
    const departement = territoryPartners.find((p) => p.kind === 'departement');
    const notice: TypstLetter = {
      code: link.shortCodeDisplay,
      dir: rtl ? 'rtl' : 'ltr',
      lang: request.locale === 'fr-falc' ? 'fr' : request.locale,
      easyRead: request.locale === 'fr-falc',
      senders: [{ name: departement?.name ?? `Département ${request.territory}`, logo: null }],
      phone: null,
      labels: { coSigned: labels.coSigned, oneNumber: labels.oneNumber },
      address: [],
      placeDate: '',
      title: words.title,
      keyFacts: { label: labels.keyFacts, items: [{ t: fill('{stage}'), b: true }] },
      sections: [
        { heading: null, picto: null, todo: false, lines: lines(fill(words.intro)) },
        { heading: words.whatHeading, picto: pictogramSvg('justice'), todo: false, lines: lines(fill(words.what)) },
        { heading: words.todoHeading, picto: pictogramSvg('phone'), todo: true, lines: lines(words.todo) },
        { heading: words.contactsHeading, picto: pictogramSvg('help'), todo: false, lines: contactLines },
      ],
      response: {
        heading: labels.responseHeading,
        text: labels.responseText,
        url: link.url,
        codeLabel: labels.codeLabel,
        code: link.shortCodeDisplay,
        qr: [...qrPng(link.url)],
      },
      footer: labels.footer.replace('{code}', link.shortCodeDisplay),
    };
    return { pdf: TypstPdfEngine.instance().renderLetter(notice).pdf, trackingCode: link.shortCodeDisplay };
  }

  private words(locale: Locale): Record<string, string> {
    const own = this.library.sources.resources.get(locale)?.get('notice') ?? {};
    const french = this.library.sources.resources.get('fr')?.get('notice') ?? {};
    return { ...french, ...own };
  }
}
