/**
 * POST /2010-04-01/Accounts/{sid}/Messages.json answered on Node's `http` directly, in front of
 * Fastify: at a few thousand SMS a second the sandbox shares two cores with the worker, and
 * Fastify's request pipeline (its body parser binds an AsyncResource per request, routing, hooks,
 * reply serialisation) cost about half of the sandbox's CPU per message.
 *
 * The fast path takes only requests whose answer cannot depend on Fastify: the create route of
 * our account, authorised, a form body of a plain length within the body limit. It decides on
 * the headers alone, before reading a byte of the body, so every other request (another route,
 * an unknown account, a refused login, a chunked or oversized body, a server closing) goes on to
 * Fastify untouched and gets Fastify's answer. What it answers comes from the same functions as
 * the Fastify route (createMessageAnswer, toMessageResource, TwilioApiError.toBody).
 */
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseForm } from 'fast-querystring';
import type { SandboxFaults } from '../domain/faults';
import { TwilioApiError } from '../domain/twilio-errors';
import { API_VERSION, toMessageResource } from '../domain/twilio-resources';
import { CLIENT_GONE, createMessageAnswer, MessageAnswer } from './message-creation';
import type { TwilioEmulator } from './twilio-emulator';
import { isAuthorised } from './twilio-routes';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface MessagesFastPathOptions {
  accountSid: string;
  authToken: string;
  /** Fastify's bodyLimit: a longer body is Fastify's to refuse (413). */
  bodyLimit: number;
  emulator: TwilioEmulator;
  faults: SandboxFaults;
  /** true once the server is closing: Fastify then answers 503 to every request. */
  closing: () => boolean;
}

/** The content type the Twilio SDK posts; any other (charset, another type) goes to Fastify. */
const FORM = 'application/x-www-form-urlencoded';
/** find-my-way's maxParamLength, as Fastify configures it: a longer AccountSid is a 404 there. */
const MAX_PARAM_LENGTH = 100;
const JSON_TYPE = 'application/json; charset=utf-8';

/** The route's path for our account; requests for any other account are Fastify's (401). */
export function messagesCreatePath(accountSid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages.json`;
}

/** A body length the fast path reads itself: a plain positive decimal, within the limit. */
function plainLength(contentLength: string | undefined, bodyLimit: number): boolean {
  if (contentLength === undefined || !/^[1-9]\d{0,9}$/.test(contentLength)) return false;
  return Number(contentLength) <= bodyLimit;
}

/** Whether this request's answer is the create route's alone, decided on its headers. */
export function takesFastPath(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  options: Pick<MessagesFastPathOptions, 'accountSid' | 'authToken' | 'bodyLimit'>,
  path: string,
): boolean {
  if (method !== 'POST' || url === undefined || !url.startsWith(path)) return false;
  if (url.length !== path.length && url.charCodeAt(path.length) !== 63 /* ? */) return false;
  if (options.accountSid.length > MAX_PARAM_LENGTH) return false;
  if (headers['content-type'] !== FORM || headers['transfer-encoding'] !== undefined) return false;
  if (!plainLength(headers['content-length'], options.bodyLimit)) return false;
  return isAuthorised(headers.authorization, options.accountSid, options.authToken, options.accountSid);
}

/** The JSON Fastify's route sends for the same answer, with the same headers. */
function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

function sendAnswer(response: ServerResponse, answer: MessageAnswer): void {
  if (answer === CLIENT_GONE) return;
  if (answer instanceof TwilioApiError) send(response, answer.status, answer.toBody());
  else send(response, 201, toMessageResource(answer));
}

/** Fastify's default error handler's answer, should creating a message ever throw. */
function sendUnexpected(response: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  send(response, 500, { statusCode: 500, error: 'Internal Server Error', message });
}

/** Reads the whole body, then answers; a request aborted on the way is dropped, as Fastify's 400 would be unseen. */
function answer(request: IncomingMessage, response: ServerResponse, options: MessagesFastPathOptions): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('error', () => response.destroy());
  request.on('end', () => {
    const body = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
    try {
      const result = createMessageAnswer(options.emulator, options.faults, parseForm(body), () => request.socket.destroyed);
      if (result instanceof Promise)
        result.then(
          (settled) => sendAnswer(response, settled),
          (error: unknown) => sendUnexpected(response, error),
        );
      else sendAnswer(response, result);
    } catch (error) {
      sendUnexpected(response, error);
    }
  });
}

/** The request listener to put in front of Fastify's: it answers the create route or hands the request on. */
export function messagesFastPath(options: MessagesFastPathOptions, fastify: RequestListener): RequestListener {
  const path = messagesCreatePath(options.accountSid);
  return (request, response) => {
    if (!options.closing() && takesFastPath(request.method, request.url, request.headers, options, path)) {
      answer(request, response, options);
    } else {
      fastify(request, response);
    }
  };
}

/**
 * Puts the fast path in front of the handler Fastify gave its server. Not `serverFactory`: with
 * one, Fastify no longer binds a name such as `localhost` on all its addresses.
 */
export function putInFrontOfFastify(server: Server, options: MessagesFastPathOptions): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`expected Fastify's one request listener, found ${listeners.length}`);
  server.removeAllListeners('request');
  server.on('request', messagesFastPath(options, listeners[0]));
}
