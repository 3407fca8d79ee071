import { publishedCount, SMALL_CELL } from '@unisson/analytics';
import { POSTAGE_LABELS, type PostageClass } from '@unisson/letters';
import type { PlanCost } from '@unisson/templates';

/**
 * The operators' overview: aggregate figures only (counts, never a household), drawn as bars.
 * Operators and admins read it, who may not see households one by one: every figure goes through
 * analytics' disclosure control (decision 0035), 1 to 9 not shown, the others rounded to 5.
 * Pure: figures in, HTML out.
 */
/** A published figure: null when it is 1 to 9 (shown « < 10 »). */
export type Figure = number | null;

export interface Count<N = Figure> {
  label: string;
  count: N;
}

export interface OverviewFigures<N = Figure> {
  generatedAt: string;
  households: N;
  proceduresByStage: Count<N>[];
  messagesByStatus: Count<N>[];
  messagesByChannel: Count<N>[];
  /** What partners asked for, against what Unisson plans after merging. */
  coordination: { intents: N; plans: N; contactsPlanned: N; contactsHandedOff: N; contactsCancelled: N };
  linkage: { records: N; linked: N; reviewsOpen: N };
  /** What the contacts of the coordinated plans (sent and to come) cost the partners who make them. */
  planCost?: N extends number ? PlanCost & { smsPricePerPart: number } : PublishedPlanCost;
}

/** The plan cost as published: counts through the disclosure control, euros from the published counts. */
export interface PublishedPlanCost {
  sms: { messages: Figure; parts: Figure; euros: number | null };
  letters: Figure;
  postage: Record<string, { letters: Figure; euros: number | null }>;
  emails: Figure;
  calls: { tasks: Figure; minutes: number | null };
  homeVisits: Figure;
  visitMinutes: number | null;
  servedActs: Figure;
  unworded: Figure;
  /** Rounded to 10 euros, so that it does not give a hidden line away by difference. */
  euros: number;
  smsPricePerPart: number;
}

/** The exact figures, as the readers count them, turned into what the page may show (keyed per figure). */
export function publishOverview(f: OverviewFigures<number>, secret = ''): OverviewFigures {
  const pub = (n: number, key: string) => publishedCount(n, `overview|${key}`, secret);
  const counts = (rows: Count<number>[], key: string): Count[] =>
    rows.map((r) => ({ label: r.label, count: pub(r.count, `${key}|${r.label}`) }));
  const c = f.coordination;
  const l = f.linkage;
  return {
    generatedAt: f.generatedAt,
    households: pub(f.households, 'households'),
    proceduresByStage: counts(f.proceduresByStage, 'stage'),
    messagesByStatus: counts(f.messagesByStatus, 'status'),
    messagesByChannel: counts(f.messagesByChannel, 'channel'),
    coordination: {
      intents: pub(c.intents, 'intents'),
      plans: pub(c.plans, 'plans'),
      contactsPlanned: pub(c.contactsPlanned, 'contactsPlanned'),
      contactsHandedOff: pub(c.contactsHandedOff, 'contactsHandedOff'),
      contactsCancelled: pub(c.contactsCancelled, 'contactsCancelled'),
    },
    linkage: { records: pub(l.records, 'records'), linked: pub(l.linked, 'linked'), reviewsOpen: pub(l.reviewsOpen, 'reviewsOpen') },
    ...(f.planCost ? { planCost: publishPlanCost(f.planCost, secret) } : {}),
  };
}

function publishPlanCost(c: PlanCost & { smsPricePerPart: number }, secret: string): PublishedPlanCost {
  const pub = (n: number, key: string) => publishedCount(n, `overview|cost|${key}`, secret);
  const parts = pub(c.sms.parts, 'smsParts');
  const tasks = pub(c.calls.tasks, 'calls');
  const visits = pub(c.homeVisits, 'visits');
  const cents = (x: number) => Math.round(x * 100) / 100;
  return {
    sms: { messages: pub(c.sms.messages, 'sms'), parts, euros: parts === null ? null : cents(parts * c.smsPricePerPart) },
    letters: pub(c.letters, 'letters'),
    postage: Object.fromEntries(
      Object.entries(c.postage).map(([k, v]) => {
        const letters = pub(v.letters, `postage|${k}`);
        return [k, { letters, euros: letters === null || v.letters === 0 ? null : cents((letters * v.euros) / v.letters) }];
      }),
    ),
    emails: pub(c.emails, 'emails'),
    calls: { tasks, minutes: tasks === null || c.calls.tasks === 0 ? null : Math.round((tasks * c.calls.minutes) / c.calls.tasks) },
    homeVisits: visits,
    visitMinutes: visits === null || c.homeVisits === 0 ? null : Math.round((visits * c.visitMinutes) / c.homeVisits),
    servedActs: pub(c.servedActs, 'servedActs'),
    unworded: pub(c.unworded, 'unworded'),
    euros: Math.round(c.euros / 10) * 10,
    smsPricePerPart: c.smsPricePerPart,
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** A figure inside HTML (« < 10 » escaped). */
const html = (n: Figure) => escape(number(n));
const number = (n: Figure) => (n === null ? `< ${SMALL_CELL}` : new Intl.NumberFormat('fr-FR').format(n));

/** Horizontal bars, one per line, widths proportional to the largest count; a table for screen readers. */
export function barChart(title: string, rows: readonly Count[], colour = '#000091'): string {
  if (rows.length === 0) return `<section><h2>${escape(title)}</h2><p class="empty">Rien pour l’instant.</p></section>`;
  const max = Math.max(...rows.map((r) => r.count ?? 0), 1);
  const width = 420;
  const rowHeight = 26;
  const bars = rows
    .map((r, i) => {
      const w = Math.round(((r.count ?? 0) / max) * width);
      const y = i * rowHeight;
      return `<text x="0" y="${y + 17}" class="label">${escape(r.label)}</text><rect x="190" y="${y + 4}" width="${w}" height="18" rx="3" fill="${colour}"></rect><text x="${196 + w}" y="${y + 18}" class="value">${html(r.count)}</text>`;
    })
    .join('');
  const table = rows.map((r) => `<tr><th scope="row">${escape(r.label)}</th><td>${html(r.count)}</td></tr>`).join('');
  return `<section><h2>${escape(title)}</h2><svg role="img" aria-label="${escape(title)}" viewBox="0 0 680 ${rows.length * rowHeight + 4}" width="100%">${bars}</svg>
<table class="sr-only"><caption>${escape(title)}</caption>${table}</table></section>`;
}

export function renderOverview(f: OverviewFigures): string {
  const c = f.coordination;
  const tiles: Array<[string, string]> = [
    [number(f.households), 'foyers suivis'],
    [number(c.intents), 'demandes de contact des partenaires'],
    [
      number(c.contactsPlanned === null || c.contactsHandedOff === null ? null : c.contactsPlanned + c.contactsHandedOff),
      'contacts dans les plans coordonnés',
    ],
    [number(f.linkage.reviewsOpen), 'rapprochements à vérifier'],
  ];
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Unisson · tableau de bord</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="30">
<style>body{font-family:system-ui,Arial,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1b1b35}
h1{color:#000091}h2{font-size:1.1rem;margin-top:2rem}.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.8rem}
.tile{border:1px solid #ddd;border-radius:8px;padding:.8rem}.tile b{display:block;font-size:1.8rem;color:#000091}
svg .label{font-size:13px;fill:#1b1b35}svg .value{font-size:13px;fill:#1b1b35;font-weight:bold}.empty{color:#666}
.sr-only{position:absolute;left:-9999px}.note{color:#555;font-size:.9rem}</style></head><body>
<h1>Tableau de bord</h1>
<p class="note">Chiffres agrégés, sans aucune donnée personnelle : moins de ${SMALL_CELL} n’est pas montré (« &lt; ${SMALL_CELL} »), les autres nombres sont arrondis à un multiple de 5. Mis à jour le ${escape(new Date(f.generatedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }))} ; la page se recharge toutes les 30 secondes.</p>
<div class="tiles">${tiles.map(([value, label]) => `<div class="tile"><b>${escape(value)}</b>${escape(label)}</div>`).join('')}</div>
${c.intents !== 0 ? `<p>Les demandes des partenaires sont réunies : <strong>${html(c.intents)}</strong> demandes dans <strong>${html(c.plans)}</strong> plan(s) de contact, un par foyer et par étape, soit <strong>${html(c.contactsHandedOff)}</strong> contacts partis et <strong>${html(c.contactsPlanned)}</strong> à venir, tous canaux confondus (${html(c.contactsCancelled)} annulés : dette soldée, réponse, étape dépassée…).</p>` : ''}
${f.planCost ? planCostSection(f.planCost) : ''}
${barChart('Procédures ouvertes par étape', f.proceduresByStage)}
${barChart('Messages par canal', f.messagesByChannel, '#6a6af4')}
${barChart('Messages par état', f.messagesByStatus, '#18753c')}
${barChart(
  'Rapprochement des foyers',
  [
    { label: 'fiches partenaires', count: f.linkage.records },
    { label: 'liens établis', count: f.linkage.linked },
    { label: 'à vérifier', count: f.linkage.reviewsOpen },
  ],
  '#a94645',
)}
</body></html>`;
}

/** The staff load and postage the coordinated plans put on partners, in figures a partner reads. */
export function planCostSection(c: PublishedPlanCost): string {
  const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
  const price = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 3 });
  const money = (x: number | null) => (x === null ? 'montant masqué' : euros.format(x));
  const rows: Array<[string, string]> = [
    [
      'SMS',
      `${number(c.sms.messages)} SMS, ${number(c.sms.parts)} parties, ${money(c.sms.euros)} à ${price.format(c.smsPricePerPart)} la partie`,
    ],
    [
      'Courriers',
      `${number(c.letters)} lettres à affranchir` +
        (Object.keys(c.postage).length
          ? ` : ${Object.entries(c.postage)
              .map(([k, l]) => `${number(l.letters)} en ${POSTAGE_LABELS[k as PostageClass] ?? k} (${money(l.euros)})`)
              .join(', ')}`
          : ''),
    ],
    ['Courriels', `${number(c.emails)}`],
    [
      'Appels',
      `${number(c.calls.tasks)} appels` + (c.calls.minutes === null ? '' : `, environ ${number(c.calls.minutes)} minutes de conseillers`),
    ],
    [
      'Visites à domicile',
      `${number(c.homeVisits)}` +
        (c.visitMinutes ? `, environ ${number(Math.round(c.visitMinutes / 60))} heures de travailleurs sociaux, trajet compris` : ''),
    ],
    ['Actes signifiés', `${number(c.servedActs)} (notice jointe par le commissaire de justice)`],
  ];
  if (c.unworded !== 0) rows.push(['Sans modèle', `${number(c.unworded)} contacts qu’aucun modèle ne formule`]);
  rows.push(['Total à payer', `environ ${euros.format(c.euros)} de SMS et d’affranchissement, hors temps des équipes`]);
  return `<section><h2>Ce que coûtent les plans coordonnés</h2><table><tbody>${rows
    .map(([k, v]) => `<tr><th scope="row">${escape(k)}</th><td>${escape(v)}</td></tr>`)
    .join(
      '',
    )}</tbody></table><p class="note">Contacts envoyés et à venir de tous les plans ; parties de SMS et durée des appels mesurées sur les modèles en français.</p></section>`;
}
