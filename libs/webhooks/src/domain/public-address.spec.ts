import { isPublicAddress, isPublicHost } from './public-address';

/** The host of a URL as the delivery sees it: URL normalises IPv4 written in hex or as one number. */
const hostOf = (url: string) => new URL(url).hostname;

describe('public addresses (webhooks in production)', () => {
  it.each([
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:a9fe:a9fe]/', // 169.254.169.254, cloud metadata
    'https://[::]/',
    'https://[::1]/',
    'https://[::127.0.0.1]/', // IPv4-compatible
    'https://[64:ff9b::10.0.0.1]/', // NAT64 to a private address
    'https://[2002:7f00:1::]/', // 6to4 of 127.0.0.1
    'https://[fc00::1]/',
    'https://[fd12:3456::1]/',
    'https://[fe80::1]/',
    'https://[febf::1]/',
    'https://[ff02::1]/',
    'https://[2001:db8::1]/',
    'https://localhost/',
    'https://localhost./',
    'https://LOCALHOST../',
    'https://api.localhost/',
    'https://api.localhost./',
    'https://imprimante.local/',
    'https://intranet/',
    'https://100.100.100.200/', // CGNAT 100.64/10, cloud metadata
    'https://100.64.0.1/',
    'https://100.127.255.255/',
    'https://127.0.0.1/',
    'https://0x7f.1/', // 127.0.0.1 written in hex
    'https://2130706433/', // 127.0.0.1 as one number
    'https://0.0.0.0/',
    'https://10.1.2.3/',
    'https://172.16.0.1/',
    'https://172.31.255.255/',
    'https://192.168.1.1/',
    'https://169.254.169.254/',
    'https://192.0.0.1/',
    'https://198.18.0.1/',
    'https://224.0.0.1/',
    'https://255.255.255.255/',
  ])('%s is internal', (url) => {
    expect(isPublicHost(hostOf(url))).toBe(false);
  });

  it.each([
    'https://bailleur.example.org/',
    'https://bailleur.example.org./',
    'https://93.184.215.14/',
    'https://100.63.255.255/',
    'https://100.128.0.1/',
    'https://172.15.0.1/',
    'https://172.32.0.1/',
    'https://[2606:4700::1111]/',
    'https://[::ffff:93.184.215.14]/',
    'https://[2a01:e0a::1]/',
  ])('%s is public', (url) => {
    expect(isPublicHost(hostOf(url))).toBe(true);
  });

  it('checks each address a name resolves to, as the resolver writes them', () => {
    expect(['8.8.8.8', '2001:4860:4860::8888'].every(isPublicAddress)).toBe(true);
    for (const internal of ['127.0.0.1', '::1', '::ffff:127.0.0.1', 'fe80::1%eth0', '100.100.100.200', 'pas une adresse']) {
      expect(isPublicAddress(internal)).toBe(false);
    }
  });
});
