/**
 * The Twilio SDK's HTTP transport, on Node's own `http`/`https` with one keep-alive agent per
 * client. The SDK still builds every request (URL, auth, form fields, paging) and reads every
 * answer (JSON, `RestException`); only the sending of bytes changes. The SDK's default client
 * goes through axios, which costs about 0.35 ms of CPU per request here: a third of the
 * worker's time per SMS at a few thousand SMS a second (docs/decisions/0021).
 */
import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

type RequestOptions = RequestClient.RequestOptions<unknown>;
interface Answer {
  statusCode: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

const FORM = 'application/x-www-form-urlencoded';

/** Form or query fields as the SDK gives them (already serialized: strings, numbers, booleans, lists of them); lists repeat the key. */
function formEncode(fields: object): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
  }
  return form.toString();
}

/** A network error the way callers classify them (`code` like ECONNRESET; ETIMEDOUT for the request's deadline). */
function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export interface NodeHttpRequestClientOptions {
  /** The whole request's deadline (connect, send, answer), in ms. */
  timeout?: number;
  /** Sockets kept open per host (default 64). */
  maxSockets?: number;
}

export class NodeHttpRequestClient extends twilio.RequestClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly timeoutMs: number;

  constructor(options: NodeHttpRequestClientOptions = {}) {
    super({ timeout: options.timeout, keepAlive: true });
    this.timeoutMs = options.timeout ?? 30_000;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, maxFreeSockets: options.maxSockets ?? 64 };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  // The SDK's signature; its RequestClient types the answer loosely too.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<any> {
    if (!opts.method) throw new Error('http method is required');
    if (!opts.uri) throw new Error('uri is required');
    return this.send(opts as RequestOptions);
  }

  private async send(opts: RequestOptions): Promise<Answer> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    } else if (opts.authStrategy) {
      headers.Authorization = await opts.authStrategy.getAuthString();
    }
    let body: string | undefined;
    if (opts.data !== undefined && opts.data !== null) {
      const type = headers['Content-Type'] ?? headers['content-type'];
      if (type === FORM) body = formEncode(opts.data as object);
      else if (type === 'application/json') body = JSON.stringify(opts.data);
    }
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const url = new URL(opts.uri);
    if (opts.params) {
      const query = formEncode(opts.params as object);
      if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
    }
    const secure = url.protocol === 'https:';
    const timeoutMs = opts.timeout || this.timeoutMs;
    return new Promise<Answer>((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        { method: opts.method.toUpperCase(), headers, agent: secure ? this.httpsAgent : this.httpAgent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(error));
          response.on('end', () => {
            clearTimeout(deadline);
            resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers });
          });
        },
      );
      // The request's deadline, like the SDK's (axios) timeout: from start to the end of the answer.
      const deadline = setTimeout(() => request.destroy(networkError('ETIMEDOUT', `timeout of ${timeoutMs}ms exceeded`)), timeoutMs);
      request.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      request.end(body);
    });
  }
}
