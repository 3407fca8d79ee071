import type { EntityManager } from 'typeorm';
import { statementsOn } from './statements-on';

/** A statement that records when it starts and ends, and answers `value` after `ms`. */
function statement<T>(log: string[], name: string, value: T, ms: number): () => Promise<T> {
  return async () => {
    log.push(`${name} start`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    log.push(`${name} end`);
    return value;
  };
}

describe('statementsOn', () => {
  it('runs the statements one after the other on a transaction’s connection, answers in order', async () => {
    const log: string[] = [];
    const transaction = { queryRunner: {} } as EntityManager;
    const [a, b] = await statementsOn(transaction, [statement(log, 'a', 1, 20), statement(log, 'b', 'deux', 1)]);
    expect([a, b]).toEqual([1, 'deux']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('runs them together on the pool (no transaction)', async () => {
    const log: string[] = [];
    const [a, b] = await statementsOn(undefined, [statement(log, 'a', 1, 20), statement(log, 'b', 2, 1)]);
    expect([a, b]).toEqual([1, 2]);
    expect(log).toEqual(['a start', 'b start', 'b end', 'a end']);
    const pool = { queryRunner: undefined } as unknown as EntityManager;
    const order: string[] = [];
    await statementsOn(pool, [statement(order, 'a', 1, 20), statement(order, 'b', 2, 1)]);
    expect(order[1]).toBe('b start');
  });
});
