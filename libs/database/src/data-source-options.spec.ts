import { Client } from 'pg';
import { dataSourceOptions, ResilientPgClient } from './data-source-options';

describe('pool connections', () => {
  it('hear the error of a connection PostgreSQL terminated, where a bare client crashes the process', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(() => new Client({}).emit('error', terminated)).toThrow('terminating connection');
    expect(() => new ResilientPgClient({}).emit('error', terminated)).not.toThrow();
  });

  it('are the pool’s clients', () => {
    const options = dataSourceOptions('postgres://127.0.0.1/x', { entities: [], migrations: [] });
    expect((options.extra as { Client: unknown }).Client).toBe(ResilientPgClient);
  });
});
