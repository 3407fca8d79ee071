/**
 * Transliteration variants of first names common in France (Arabic, Berber, Turkish,
 * West-African and Slavic origins). Every spelling maps to one canonical form. This is a
 * small curated table, not a dictionary: the phonetic key and Jaro-Winkler catch the rest.
 */
const GROUPS: string[][] = [
  ['MOHAMED', 'MOHAMMED', 'MOHAMMAD', 'MOHAMAD', 'MUHAMMAD', 'MUHAMMED', 'MUHAMED', 'MOHAMET', 'MOHAMMAD', 'MEHMET', 'MEHMED'],
  ['YOUSSEF', 'YOUCEF', 'YOUSEF', 'YUSUF', 'YOUSSOUF', 'YUSSUF', 'YOUSOUF', 'JOUSSEF'],
  ['AICHA', 'AISHA', 'AYSHA', 'AISSA', 'AYCHA'],
  ['KHADIJA', 'KHADIDJA', 'KHEDIDJA', 'HADIJA', 'KADIDJA', 'KADIJA'],
  ['HOCINE', 'HOUSSINE', 'HUSSEIN', 'HUSSAIN', 'HOUCINE', 'HUSEYIN', 'HOSSEIN'],
  ['SAID', 'SAEED', 'SAYED', 'SAYID'],
  ['KARIM', 'KAREEM', 'KERIM'],
  ['NOUR', 'NOOR', 'NUR'],
  ['OUMAR', 'OMAR', 'UMAR', 'OMER', 'OUMAROU'],
  ['OUSMANE', 'OUSMAN', 'OTHMANE', 'OTHMAN', 'USMAN', 'OSMAN'],
  ['ABDERRAHMANE', 'ABDERRAHMAN', 'ABDELRAHMAN', 'ABDELRAHMANE', 'ABDURRAHMAN', 'ABDULRAHMAN', 'ABDERAHMANE'],
  ['ABDELKADER', 'ABDELKADIR', 'ABDULKADIR', 'ABDULKADER', 'ABDELKRIM'],
  ['MUSTAPHA', 'MUSTAFA', 'MOSTAFA', 'MOUSTAFA', 'MOUSTAPHA'],
  ['YACINE', 'YASSINE', 'YASIN', 'YASSIN', 'YACIN'],
  ['ISMAEL', 'ISMAIL', 'ISMAILA'],
  ['ZINEB', 'ZEINAB', 'ZAINAB', 'ZEYNEP', 'ZAYNAB'],
  ['MARIAM', 'MARYAM', 'MERYEM', 'MERIEM', 'MARIEM', 'MARIAMA'],
  ['IBRAHIM', 'IBRAHIMA', 'BRAHIM', 'IBRAHEEM'],
  ['SOULEYMANE', 'SULEYMAN', 'SOULEIMANE', 'SLIMANE', 'SULEIMAN', 'SOULEMANE'],
  ['HAMID', 'HAMEED', 'AHMID'],
  ['AHMED', 'AHMAD', 'AHMET', 'HAMED'],
  ['FATIMA', 'FATMA', 'FATIMAH'],
  ['AMINA', 'AMINAH', 'EMINE'],
  ['HAKIM', 'HAKEEM'],
  ['RACHID', 'RACHIDE', 'RASHID', 'RASHEED'],
  ['JAMEL', 'DJAMEL', 'JAMAL', 'DJAMAL'],
  ['LEILA', 'LEILLA', 'LAILA', 'LEYLA', 'LAYLA'],
  ['AYSE', 'AYSHE'],
  ['ALEKSANDR', 'ALEXANDR', 'ALEKSANDER', 'OLEKSANDR'],
  ['IOANA', 'IJOANA', 'YOANA', 'JOANA'],
  ['SERGEI', 'SERGUEI', 'SERGEY', 'SERHIY'],
];

const CANONICAL = new Map<string, string>();
for (const group of GROUPS) for (const spelling of group) CANONICAL.set(spelling, group[0]);

export function canonicalFirstNameToken(token: string): string {
  return CANONICAL.get(token) ?? token;
}
