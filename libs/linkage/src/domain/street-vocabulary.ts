/** Street types (French first, Australian/English trailing types for the FEBRL sets). */
export const STREET_TYPES = new Map<string, string>(
  Object.entries({
    RUE: ['R', 'RUE', 'RU'],
    AV: ['AV', 'AVE', 'AVN', 'AVENUE'],
    BD: ['BD', 'BLD', 'BLVD', 'BVD', 'BOUL', 'BOULEVARD', 'BOULV'],
    PL: ['PL', 'PLACE', 'PLA'],
    IMP: ['IMP', 'IMPASSE'],
    ALL: ['ALL', 'ALLEE', 'AL', 'ALLE'],
    CH: ['CH', 'CHE', 'CHEM', 'CHEMIN'],
    QUAI: ['QU', 'QUAI', 'QAI'],
    SQ: ['SQ', 'SQUARE'],
    CITE: ['CITE', 'CIT', 'CTE'],
    RTE: ['RTE', 'ROUTE'],
    CRS: ['CRS', 'COURS'],
    PASS: ['PASS', 'PASSAGE', 'PSG'],
    RES: ['RES', 'RESIDENCE', 'RESID'],
    LOT: ['LOT', 'LOTISSEMENT'],
    SENT: ['SENTE', 'SENTIER', 'SEN'],
    HAM: ['HAM', 'HAMEAU'],
    PROM: ['PROM', 'PROMENADE'],
    ESPL: ['ESPL', 'ESPLANADE'],
    PARV: ['PARV', 'PARVIS'],
    RPT: ['RPT', 'ROND POINT'],
    CHS: ['CHS', 'CHAUSSEE'],
    VOIE: ['VOIE'],
    TRAV: ['TRAV', 'TRAVERSE'],
    ZAC: ['ZAC', 'ZI', 'ZA'],
  }).flatMap(([canonical, spellings]) => spellings.map((s) => [s, canonical] as [string, string])),
);

/** Trailing (English) street types, only recognised as the last token. */
export const TRAILING_STREET_TYPES = new Map<string, string>(
  Object.entries({
    STREET: ['STREET', 'ST', 'STR'],
    ROAD: ['ROAD', 'RD'],
    AVENUE: ['AVENUE', 'AVE', 'AV'],
    PLACE: ['PLACE', 'PL'],
    COURT: ['COURT', 'CT', 'CRT'],
    CRESCENT: ['CRESCENT', 'CRES', 'CR'],
    CIRCUIT: ['CIRCUIT', 'CCT'],
    DRIVE: ['DRIVE', 'DR', 'DRV'],
    CLOSE: ['CLOSE', 'CL'],
    PARADE: ['PARADE', 'PDE'],
    TERRACE: ['TERRACE', 'TCE'],
    LANE: ['LANE', 'LN'],
    WAY: ['WAY'],
    HIGHWAY: ['HIGHWAY', 'HWY'],
    GROVE: ['GROVE', 'GR'],
    CIRCLE: ['CIRCLE', 'CIR'],
  }).flatMap(([canonical, spellings]) => spellings.map((s) => [s, canonical] as [string, string])),
);

/** Words inside street names that are abbreviated in many ways. */
export const NAME_WORDS = new Map<string, string>([
  ['ST', 'SAINT'],
  ['STE', 'SAINTE'],
  ['GAL', 'GENERAL'],
  ['GEN', 'GENERAL'],
  ['GL', 'GENERAL'],
  ['MAL', 'MARECHAL'],
  ['MCHL', 'MARECHAL'],
  ['PDT', 'PRESIDENT'],
  ['PRES', 'PRESIDENT'],
  ['DR', 'DOCTEUR'],
  ['PROF', 'PROFESSEUR'],
  ['CDT', 'COMMANDANT'],
  ['CNE', 'CAPITAINE'],
  ['LT', 'LIEUTENANT'],
  ['COL', 'COLONEL'],
  ['NTRE', 'NOTRE'],
  ['FBG', 'FAUBOURG'],
  ['PT', 'PETIT'],
  ['GD', 'GRAND'],
  ['GDE', 'GRANDE'],
]);

/** Articles and prepositions that partners keep or drop at will ("place de la Gare" / "pl Gare"). */
export const STREET_STOPWORDS = new Set(['DE', 'DU', 'DES', 'LA', 'LE', 'LES', 'L', 'D', 'ET', 'A', 'AU', 'AUX']);

/** Number suffixes: "12 bis", "12B", "12 b" are one address. */
export const NUMBER_SUFFIXES = new Map<string, string>([
  ['BIS', 'B'],
  ['B', 'B'],
  ['TER', 'T'],
  ['T', 'T'],
  ['QUATER', 'Q'],
  ['Q', 'Q'],
  ['QUINQUIES', 'C'],
  ['C', 'C'],
  ['A', 'A'],
]);
