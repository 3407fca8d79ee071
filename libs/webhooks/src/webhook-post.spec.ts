import dns from 'node:dns';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { InternalAddressRefused, postOnce } from './webhook-post';

/** An internal service on the loopback: it must never receive a production webhook. */
describe('a webhook POST in production never reaches the internal network', () => {
  let server: http.Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received.push(`${req.method} ${req.headers.host}`);
      res.statusCode = 418;
      res.end('secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (received.length = 0));
  afterEach(() => jest.restoreAllMocks());

  /** A public-looking name whose DNS answers the loopback (or rebinds to it). */
  const resolvesToLoopback = () =>
    jest
      .spyOn(dns, 'lookup')
      .mockImplementation(((_host: string, _options: unknown, callback: (...args: unknown[]) => void) =>
        callback(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as typeof dns.lookup);

  it('refuses a name resolving to the loopback, and the service is not contacted', async () => {
    resolvesToLoopback();
    await expect(
      postOnce(`http://partenaire.example.org:${port}/hooks`, {}, '{}', { timeoutMs: 2000, publicOnly: true }),
    ).rejects.toBeInstanceOf(InternalAddressRefused);
    expect(received).toEqual([]);
  });

  it('refuses an internal address written in the URL (an endpoint stored before the check), without connecting', async () => {
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', 'localhost.']) {
      await expect(postOnce(`http://${host}:${port}/hooks`, {}, '{}', { timeoutMs: 2000, publicOnly: true })).rejects.toBeInstanceOf(
        InternalAddressRefused,
      );
    }
    expect(received).toEqual([]);
  });

  it('outside production, posts to the local address and gives its status', async () => {
    resolvesToLoopback();
    expect(await postOnce(`http://partenaire.example.org:${port}/hooks`, {}, '{}', { timeoutMs: 2000, publicOnly: false })).toBe(418);
    expect(received).toEqual([`POST partenaire.example.org:${port}`]);
  });
});
