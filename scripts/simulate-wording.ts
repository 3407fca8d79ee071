/**
 * npm run simulate:wording -- [--households 10000] [--seed S] [--sms-price 0.045]
 *
 * The coordination simulation (npm run simulate) run through the wording step: every contact the
 * simulated Unisson sends (served acts' companion notices and home-visit notes included) is worded
 * by messaging's `wordingFor` with the planner's own deadlines, then rendered by the template
 * library in the household's language. Households speak the eight locales (most of them French).
 * Prints progress on stderr and the figures as one JSON line; exits 1 when a contact is not worded.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { DEFAULT_TERRITORIES, PlaybookCatalog, generateHouseholds, procedureAtStage, runSimulation } from '@unisson/coordination';
import { wordingFor, wordingIndex, type WordingContext } from '@unisson/messaging';
import { LOCALES, TemplateLibrary, type Locale } from '@unisson/templates';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** Languages of the simulated households: French for most, every other locale present. */
const LOCALE_SHARES: Array<[Locale, number]> = [
  ['fr', 0.6],
  ['fr-falc', 0.1],
  ['ar', 0.08],
  ['en', 0.05],
  ['es', 0.04],
  ['pt', 0.05],
  ['ro', 0.04],
  ['tr', 0.04],
];

function localeOf(householdIndex: number): Locale {
  // A fixed, well-spread fraction per household (golden ratio), independent of the simulation's random draws.
  const x = (householdIndex * 0.6180339887) % 1;
  let acc = 0;
  for (const [locale, share] of LOCALE_SHARES) {
    acc += share;
    if (x < acc) return locale;
  }
  return 'fr';
}

/** The simulated partners' directory: one public number per partner, as partners register it. */
function directoryPhone(partnerId: string): string {
  let h = 0;
  for (const c of partnerId) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return `+3314${String(h).padStart(7, '0')}`;
}

async function main(): Promise<void> {
  const households = Number(option('households', '10000'));
  const seed = Number(option('seed', '20261122'));
  const smsPrice = Number(option('sms-price', '0.045'));
  if (!Number.isInteger(households) || households <= 0 || !(smsPrice >= 0)) {
    process.stderr.write('Usage : npm run simulate:wording -- --households 10000 [--sms-price 0.045]\n');
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const catalog = PlaybookCatalog.load();
  const library = TemplateLibrary.load();
  await library.prepareAllEmails();
  const index = wordingIndex(library.sources.definitions.values());
  const generated = generateHouseholds(households, seed, DEFAULT_TERRITORIES);
  const order = new Map(generated.map((h, i) => [h.id, i]));

  let contacts = 0;
  let worded = 0;
  let notWorded = 0;
  const missing = new Map<string, number>();
  const byChannel: Record<string, number> = {};
  const smsParts = new Map<string, { messages: number; parts: number; byLocale: Map<Locale, { messages: number; parts: number }> }>();
  let totalSmsParts = 0;

  runSimulation(
    generated,
    (territory) => catalog.forTerritory(territory, '2026-11-01'),
    (done) => {
      if (done % 2000 === 0 || done === households) process.stderr.write(`simulate:wording : ${done}/${households} ménages\n`);
    },
    seed,
    ({ household, stage, contact }) => {
      contacts += 1;
      byChannel[contact.channel] = (byChannel[contact.channel] ?? 0) + 1;
      const procedure = procedureAtStage(household, stage);
      const hearing = household.hearingDate ? { date: household.hearingDate.slice(0, 10), time: '09:00', place: null } : null;
      const context: WordingContext = {
        fullName: 'Awa Diallo',
        // As the messenger does: the contact's call-back number, else the lead partner's public number (the directory's).
        leadPartner: { name: contact.leadPartnerId, phone: contact.callbackPhone ?? directoryPhone(contact.leadPartnerId) },
        debtCents: procedure.arrears.debtCents,
        monthlyRentCents: procedure.arrears.monthlyRentCents,
        stage: stage.stage,
        stageOn: procedure.stageEventOn,
        leaseSignedOn: household.leaseSignedOn,
        landlordKind: household.sector,
        territory: household.territory,
        today: contact.window.notBefore.slice(0, 10),
        hearing,
        // The simulated ADIL publishes no number: the wording falls back on the national line.
        adilPhone: null,
      };
      const playbook = catalog.forTerritory(household.territory, '2026-11-01');
      const wording = wordingFor(index, playbook, contact.purpose, contact.channel, context);
      if ('missing' in wording) {
        notWorded += 1;
        const why = `${contact.purpose}/${contact.channel}: ${wording.missing}`;
        missing.set(why, (missing.get(why) ?? 0) + 1);
        return;
      }
      const locale = localeOf(order.get(household.id) ?? 0);
      const rendered = library.renderSync({
        templateKey: wording.templateKey,
        channel: wording.channel,
        locale,
        variables: wording.variables,
      });
      worded += 1;
      if (rendered.channel === 'sms' && rendered.segments) {
        totalSmsParts += rendered.segments;
        const entry = smsParts.get(wording.templateKey) ?? { messages: 0, parts: 0, byLocale: new Map() };
        entry.messages += 1;
        entry.parts += rendered.segments;
        const perLocale = entry.byLocale.get(locale) ?? { messages: 0, parts: 0 };
        perLocale.messages += 1;
        perLocale.parts += rendered.segments;
        entry.byLocale.set(locale, perLocale);
        smsParts.set(wording.templateKey, entry);
      }
    },
  );

  const topSms = [...smsParts.entries()]
    .sort((a, b) => b[1].messages - a[1].messages)
    .slice(0, 3)
    .map(([templateKey, e]) => ({
      templateKey,
      messages: e.messages,
      partsPerLocale: Object.fromEntries(
        LOCALES.filter((l) => e.byLocale.has(l)).map((l) => {
          const v = e.byLocale.get(l)!;
          return [l, Math.round((v.parts / v.messages) * 100) / 100];
        }),
      ),
    }));
  for (const [why, n] of [...missing.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10))
    process.stderr.write(`  non formulé ×${n} — ${why}\n`);
  const result = {
    households,
    contacts,
    worded,
    notWorded,
    contactsByChannel: byChannel,
    smsParts: totalSmsParts,
    smsCostEuros: Math.round(totalSmsParts * smsPrice * 100) / 100,
    smsPricePerPart: smsPrice,
    topSms,
    seconds: (Date.now() - started) / 1000,
    machine: {
      cpus: cpus().length,
      load: loadavg().map((l) => Math.round(l * 100) / 100),
      node: process.version,
      totalMemoryGb: Math.round(totalmem() / 2 ** 30),
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (notWorded > 0) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`simulate:wording — erreur : ${(e as Error).message}\n`);
  process.exitCode = 2;
});
