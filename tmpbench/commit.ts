import { Client } from 'pg';
import { readFileSync } from 'node:fs';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
async function main() {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/h_lead_schema' });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS zz (id int primary key, v int)'); await c.query('INSERT INTO zz VALUES (1, 0) ON CONFLICT DO NOTHING');
  const [{ pid }] = (await c.query('select pg_backend_pid() as pid')).rows;
  for (const mode of ['autocommit', 'one-tx']) {
    const c0 = cpu(pid); const t0 = performance.now();
    if (mode === 'one-tx') await c.query('BEGIN');
    for (let i = 0; i < 3000; i++) await c.query('UPDATE zz SET v = v + 1 WHERE id = 1');
    if (mode === 'one-tx') await c.query('COMMIT');
    console.log(mode, 'cpu ms/stmt', ((cpu(pid) - c0) / 3000).toFixed(3), 'wall ms/stmt', ((performance.now() - t0) / 3000).toFixed(3));
  }
  await c.query('DROP TABLE zz'); await c.end();
}
main();
