/**
 * A small reader of TwiML (Twilio's XML answers to a call): enough to play what Unisson serves,
 * <Say>, <Play>, <Pause>, <Gather> (with nested <Say>/<Play>), <Dial> (with <Number>), <Redirect>,
 * <Hangup>. Unknown verbs are kept, so a test sees them, and skipped when the call runs.
 */
export interface TwimlElement {
  name: string;
  attributes: Record<string, string>;
  children: TwimlElement[];
  text: string;
}

export class TwimlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|apos|amp);/gi, (_m, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? `&${entity};`;
  });
}

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([A-Za-z][\w:-]*)\s*>|<([A-Za-z][\w:-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a TwiML document into its <Response> element. */
export function parseTwiml(xml: string): TwimlElement {
  const root: TwimlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: TwimlElement[] = [root];
  for (const match of xml.matchAll(TOKEN)) {
    const [whole, closing, opening, attrs, selfClosing, text] = match;
    const top = stack[stack.length - 1]!;
    if (closing) {
      if (top.name !== closing) throw new TwimlSyntaxError(`</${closing}> ferme <${top.name}>`);
      stack.pop();
    } else if (opening) {
      const attributes: Record<string, string> = {};
      for (const a of (attrs ?? '').matchAll(ATTRIBUTE)) attributes[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const element: TwimlElement = { name: opening, attributes, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    } else if (text !== undefined) {
      top.text += decode(text);
    } else if (!whole.startsWith('<?') && !whole.startsWith('<!--')) {
      throw new TwimlSyntaxError(`balise illisible : ${whole.slice(0, 40)}`);
    }
  }
  if (stack.length !== 1) throw new TwimlSyntaxError(`<${stack[stack.length - 1]!.name}> n'est pas fermé`);
  const response = root.children.find((c) => c.name === 'Response');
  if (!response) throw new TwimlSyntaxError('la réponse TwiML doit être un élément <Response>');
  return response;
}

/** The text of an element and its descendants (a <Say> may hold SSML such as <prosody>). */
export function textOf(element: TwimlElement): string {
  return element.text + element.children.map(textOf).join('');
}

/** What a caller would hear of an element (its <Say> texts, <Play> as a note), in order. */
export function spokenTexts(element: TwimlElement): string[] {
  const out: string[] = [];
  for (const child of element.children) {
    if (child.name === 'Say') out.push(textOf(child).trim());
    else if (child.name === 'Play') out.push(`[enregistrement ${child.text.trim()}]`);
  }
  return out;
}
