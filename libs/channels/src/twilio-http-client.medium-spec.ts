import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { BaseUrlRequestClient, describeTwilioFailure } from './twilio-sms-sender';
import { mayHaveReachedTwilio } from './domain/twilio-error-mapping';
import { asSocketError, PooledRequestClient } from './twilio-http-client';

/** A local HTTP server whose every request is handled by `handle`. */
async function serve(handle: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const sms = { to: '+33612345678', from: '+33900000000', body: 'Bonjour & à bientôt' };

describe('PooledRequestClient: the Twilio SDK over kept-alive undici connections', () => {
  let client: PooledRequestClient;
  afterEach(() => client?.close());

  it("sends the SDK's request as Twilio reads it: Basic auth, form body, repeated query keys", async () => {
    const seen: Array<{ method?: string; url?: string; auth?: string; type?: string; body: string }> = [];
    const server = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: 'SM1', status: 'queued', num_segments: '1' }));
      });
    });
    try {
      client = new PooledRequestClient({ timeout: 2_000 });
      const answer = await client.request({
        method: 'post',
        uri: `${server.url}/2010-04-01/Accounts/AC1/Messages.json`,
        username: 'AC1',
        password: 'secret',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        data: { To: sms.to, From: sms.from, Body: sms.body },
        params: { Status: ['queued', 'sent'] },
      });
      expect(answer.statusCode).toBe(201);
      expect(JSON.parse(answer.body)).toMatchObject({ sid: 'SM1' });
      expect(seen[0]).toEqual({
        method: 'POST',
        url: '/2010-04-01/Accounts/AC1/Messages.json?Status=queued&Status=sent',
        auth: `Basic ${Buffer.from('AC1:secret').toString('base64')}`,
        type: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.body }).toString(),
      });
    } finally {
      await server.close();
    }
  });

  it('gives up at its deadline with ETIMEDOUT, a failure after which Twilio may have the message', async () => {
    const server = await serve(() => undefined); // reads the request, never answers
    try {
      client = new PooledRequestClient({ timeout: 300 });
      const started = Date.now();
      const error = await client.request({ method: 'post', uri: `${server.url}/x`, data: {} }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error).toMatchObject({ code: 'ETIMEDOUT' });
      const failure = describeTwilioFailure(error);
      expect(failure).toMatchObject({ kind: 'network', code: 'ETIMEDOUT' });
      expect(mayHaveReachedTwilio(failure)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reads a connection dropped after the request as ECONNRESET (may have reached Twilio)', async () => {
    const server = await serve((req) => req.socket.destroy());
    try {
      client = new PooledRequestClient({ timeout: 2_000 });
      const error = await client.request({ method: 'get', uri: `${server.url}/x` }).catch((e: unknown) => e);
      const failure = describeTwilioFailure(error);
      expect(failure).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
      expect(mayHaveReachedTwilio(failure)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reads a refused connection as ECONNREFUSED: nothing was sent', async () => {
    client = new PooledRequestClient({ timeout: 2_000 });
    const error = await client.request({ method: 'get', uri: 'http://127.0.0.1:9/x' }).catch((e: unknown) => e);
    const failure = describeTwilioFailure(error);
    expect(failure).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(mayHaveReachedTwilio(failure)).toBe(false);
  });

  it('lets the SDK read an error answer as its RestException', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 21211, message: 'Invalid To', status: 400 }));
    });
    try {
      // The base-URL client points the SDK's api.twilio.com URLs at the local server.
      client = new BaseUrlRequestClient(server.url, { timeout: 2_000 });
      const error = await twilio('AC1', 'secret', { httpClient: client })
        .messages.create(sms)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(twilio.RestException);
      expect(describeTwilioFailure(error)).toMatchObject({ kind: 'rest', status: 400, code: 21211 });
    } finally {
      await server.close();
    }
  });
});

describe('asSocketError', () => {
  it.each([
    ['UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT'],
    ['UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'],
    ['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'],
    ['UND_ERR_SOCKET', 'ECONNRESET'],
    ['UND_ERR_INFO', 'ECONNRESET'],
    ['ECONNREFUSED', 'ECONNREFUSED'],
  ])('%s reads as %s', (code, expected) => {
    expect(asSocketError(Object.assign(new Error('x'), { code }))).toMatchObject({ code: expected });
  });
});
