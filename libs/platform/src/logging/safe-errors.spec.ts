import { describeSafely, isConnectionError, queryName, redactPersonalData } from './safe-errors';

describe('error descriptions for logs', () => {
  it('names a query by its verb and first table, never its values', () => {
    expect(queryName(`INSERT INTO partner_submission (a) VALUES ($1) ON CONFLICT DO NOTHING`)).toBe('INSERT partner_submission');
    expect(queryName(`SELECT "m"."id" FROM "outbound_message" "m" WHERE x = 'Nguyen'`)).toBe('SELECT outbound_message');
    expect(queryName(`UPDATE "public"."planned_contact" SET status = 'x'`)).toBe('UPDATE planned_contact');
    expect(queryName(`WITH claimed AS (UPDATE outbound_message SET a = 1 RETURNING *) SELECT * FROM claimed`)).toBe(
      'WITH outbound_message',
    );
  });

  it('keeps only the code and the query name of a database error', () => {
    const error = Object.assign(new Error('date/time field value out of range: "0000-01-01" for Awa Diallo'), {
      name: 'QueryFailedError',
      code: '22008',
      query: 'INSERT INTO partner_record (last_name, birth_date) VALUES ($1, $2)',
      parameters: ['Diallo', '0000-01-01'],
    });
    const described = describeSafely(error);
    expect(described).toEqual({ type: 'DatabaseError', code: '22008', query: 'INSERT partner_record' });
    expect(JSON.stringify(described)).not.toMatch(/Diallo|0000-01-01/);
  });

  it('masks e-mails, phone numbers and dates in other messages', () => {
    expect(redactPersonalData('to awa.diallo@example.org at +33 6 01 02 03 04 born 1984-03-12')).toBe(
      'to [courriel masqué] at [numéro masqué] born [date masquée]',
    );
    expect(describeSafely(new Error('mail to x@y.fr failed')).message).toBe('mail to [courriel masqué] failed');
  });

  it('tells a lost connection from a bad row', () => {
    expect(isConnectionError(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }))).toBe(false);
  });
});
