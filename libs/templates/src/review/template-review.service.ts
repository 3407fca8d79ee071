import { Inject, Injectable } from '@nestjs/common';
import { variantId, type Channel, type Locale, type TemplateKey, type Variant } from '../domain/catalogue';
import { wordDiff, type WordDiff } from '../domain/word-diff';
import { TemplateLibrary, TemplateRenderError, type ArchivedVersionContent } from '../library/template-library';
import { shippedPurposes } from '../lint/playbook-purposes';
import { TemplateVersionRepository } from '../template-version.repository';
import {
  filterReviewList,
  reviewRowsByPurpose,
  type ReviewFilter,
  type ReviewFinding,
  type ReviewPage,
  type ReviewRow,
} from './review-list';

export interface ShownVersion {
  version: number;
  hash: string;
  subject: string | null;
  text: string;
  /** When the archive first kept it (null: the current text, not archived yet). */
  archivedAt: string | null;
}

export interface VersionComparison {
  templateKey: TemplateKey;
  channel: Channel;
  locale: Locale;
  variant: string;
  direction: 'ltr' | 'rtl';
  current: ShownVersion;
  /** The newest archived version whose text differs; null when the text never changed. */
  previous: ShownVersion | null;
  /** Word by word, previous -> current (subject line first); null without a previous version. */
  diff: WordDiff | null;
  history: Array<{ version: number; hash: string; archivedAt: string }>;
}

/**
 * The reviewers' workflow over the library: the review list (computed once per process, the
 * library does not change while it runs) and a version beside the one before it.
 */
@Injectable()
export class TemplateReviewService {
  private rows: Promise<ReviewRow[]> | null = null;

  constructor(
    @Inject(TemplateLibrary) private readonly library: TemplateLibrary,
    private readonly versions: TemplateVersionRepository,
  ) {}

  private readonly planned = shippedPurposes();

  /**
   * Built once, on first use, a purpose at a time with the event loop given back in between: the
   * whole list is some 13,000 renders (seconds of CPU) and must not stall the API's other requests.
   */
  private all(): Promise<ReviewRow[]> {
    this.rows ??= (async () => {
      const rows: ReviewRow[] = [];
      for (const ofPurpose of reviewRowsByPurpose(this.library, this.planned, this.library.sources.budgets.smsPricePerPart)) {
        rows.push(...ofPurpose);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return rows;
    })();
    this.rows.catch(() => (this.rows = null));
    return this.rows;
  }

  async list(filter: ReviewFilter): Promise<ReviewPage> {
    return filterReviewList(await this.all(), filter);
  }

  /** The purposes of the shipped playbooks, in the list's order. */
  purposes(): ReadonlyArray<{ id: string; stage: string }> {
    return this.planned;
  }

  /** The findings of one render (a template words several purposes: each finding once). */
  async findingsOf(templateKey: TemplateKey, channel: Channel, locale: Locale, variant: string): Promise<ReviewFinding[]> {
    const seen = new Set<string>();
    const out: ReviewFinding[] = [];
    for (const r of await this.all())
      if (r.templateKey === templateKey && r.channel === channel && r.locale === locale && r.variant === variant)
        for (const f of r.findings) {
          const id = `${f.rule}|${f.detail}|${f.sentence ?? ''}`;
          if (!seen.has(id)) out.push(f);
          seen.add(id);
        }
    return out;
  }

  async compare(templateKey: TemplateKey, channel: Channel, locale: Locale, variant: Variant): Promise<VersionComparison> {
    const tv = this.library.version(templateKey, locale);
    const sample = this.library.definition(templateKey).sample;
    const rendered = await this.library.render({ templateKey, channel, locale, variant, variables: sample });
    const [row, history] = await Promise.all([
      this.versions.findPrevious(templateKey, locale, tv.hash),
      this.versions.history(templateKey, locale),
    ]);
    const archivedCurrent = history.find((h) => h.hash === tv.hash);
    const current: ShownVersion = {
      version: tv.version,
      hash: tv.hash,
      subject: rendered.subject ?? null,
      text: rendered.text,
      archivedAt: archivedCurrent ? archivedCurrent.archivedAt.toISOString() : null,
    };
    let previous: ShownVersion | null = null;
    if (row) {
      const old = this.library.archivedVersion(row.content as unknown as ArchivedVersionContent, locale);
      let subject: string | null = null;
      let text: string;
      try {
        const r = await old.library.render({ templateKey, channel, locale, variant, variables: sample });
        subject = r.subject ?? null;
        text = r.text;
      } catch (e) {
        // An old version may need a fact the current sample no longer has, or lack this channel.
        if (!(e instanceof TemplateRenderError)) throw e;
        text = `(Cette version ne se lit pas avec les données d’exemple actuelles : ${e.message})`;
      }
      previous = { version: row.version, hash: row.hash, subject, text, archivedAt: row.archivedAt.toISOString() };
    }
    const withSubject = (v: ShownVersion) => (v.subject !== null ? `${v.subject}\n\n${v.text}` : v.text);
    return {
      templateKey,
      channel,
      locale,
      variant: variantId(variant),
      direction: rendered.direction,
      current,
      previous,
      diff: previous ? wordDiff(withSubject(previous), withSubject(current)) : null,
      history: history.map((h) => ({ version: h.version, hash: h.hash, archivedAt: h.archivedAt.toISOString() })),
    };
  }
}
