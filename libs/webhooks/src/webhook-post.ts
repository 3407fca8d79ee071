import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { LookupFunction } from 'node:net';
import { isPublicAddress, isPublicHost } from './domain/public-address';

/** The host resolved (or is written) to an internal address: nothing was sent. */
export class InternalAddressRefused extends Error {
  constructor() {
    super('internal address refused');
    this.name = 'InternalAddressRefused';
  }
}

export class PostTimeout extends Error {
  constructor() {
    super('no answer in time');
    this.name = 'TimeoutError';
  }
}

/**
 * A resolver for the connection itself: it resolves the name, refuses it when any of its
 * addresses is internal, and hands the socket the very addresses it checked. The check and the
 * connection use one resolution, so a name that answers a public address to a first query and
 * 127.0.0.1 to the next (DNS rebinding) cannot slip between them.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    if (!addresses.length || !addresses.every((a) => isPublicAddress(a.address))) {
      return callback(Object.assign(new InternalAddressRefused(), { code: 'EINTERNAL' }), '', 4);
    }
    if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * POSTs a body once and returns the response's status (its body is not read; redirects are not
 * followed). With `publicOnly`, an address or a name resolving to the internal network is never
 * connected to: the promise rejects with InternalAddressRefused.
 */
export function postOnce(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; publicOnly: boolean },
): Promise<number> {
  const url = new URL(rawUrl);
  if (options.publicOnly && !isPublicHost(url.hostname)) return Promise.reject(new InternalAddressRefused());
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(options.publicOnly ? { lookup: publicOnlyLookup } : {}),
      },
      (response) => {
        clearTimeout(timer);
        response.resume(); // the body is not read
        resolve(response.statusCode ?? 0);
        request.destroy();
      },
    );
    const timer = setTimeout(() => request.destroy(new PostTimeout()), options.timeoutMs);
    request.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(error.code === 'EINTERNAL' ? new InternalAddressRefused() : error);
    });
    request.end(body);
  });
}
