import Ajv, { ValidateFunction } from 'ajv';
import subset from '../../../infra/provider-sandbox/twilio-oai/twilio_api_v2010.subset.json';

/**
 * Validates sandbox responses against Twilio's own OpenAPI schemas (the committed subset).
 * Twilio's custom formats are checked where they carry meaning (RFC 2822 dates), accepted otherwise.
 */
const RFC_2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('date-time-rfc-2822', RFC_2822);
for (const format of ['phone-number', 'currency', 'uri-map', 'uri', 'date-time', 'endpoint', 'http-method', 'twiml']) {
  ajv.addFormat(format, true);
}
ajv.addSchema({ $id: 'twilio', components: subset.components });

type Json = Record<string, unknown>;
const paths = subset.paths as unknown as Record<
  string,
  Record<string, { responses: Record<string, { content: { 'application/json': { schema: Json } } }> }>
>;

export const MESSAGES = '/2010-04-01/Accounts/{AccountSid}/Messages.json';
export const MESSAGE = '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json';
export const CALLS = '/2010-04-01/Accounts/{AccountSid}/Calls.json';
export const CALL = '/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json';

function withRefsIntoTwilio(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"twilio#/components/')) as Json;
}

const cache = new Map<string, ValidateFunction>();

export function responseValidator(path: string, method: 'get' | 'post', status: '200' | '201'): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  const existing = cache.get(key);
  if (existing) return existing;
  const schema = paths[path]?.[method]?.responses[status]?.content['application/json'].schema;
  if (!schema) throw new Error(`no ${status} response schema for ${key} in the OAI subset`);
  const validate = ajv.compile(withRefsIntoTwilio(schema));
  cache.set(key, validate);
  return validate;
}

/** The property names the schema of a resource declares (to check none is missing or invented). */
export function declaredProperties(schemaName: 'api.v2010.account.message' | 'api.v2010.account.call'): string[] {
  const schema = (subset.components.schemas as unknown as Record<string, { properties: Json }>)[schemaName];
  return Object.keys(schema?.properties ?? {}).sort();
}
