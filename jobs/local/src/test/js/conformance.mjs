// The official ClickHouse JavaScript client against a ClickHouse HTTP endpoint: DDL, JSONEachRow
// inserts and reads, query parameters, errors and streaming, with one compression setting.
// Prints one JSON object of what it saw; ClickHouseJsClientTest judges it.
// Usage: node conformance.mjs URL PASSWORD off|gzip|br
import { createClient } from '@clickhouse/client';

const [url, password, mode] = process.argv.slice(2);
const compression = {
  off: { request: false, response: false },
  gzip: { request: true, response: true },
  br: { request: { codec: 'br' }, response: true },
}[mode];
const client = createClient({ url, username: 'default', password, compression, request_timeout: 60_000 });
const table = `js_${mode}`;
const seen = {};
try {
  seen.ping = (await client.ping()).success;
  await client.command({ query: `CREATE TABLE ${table} (id UInt32, text String, at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id` });
  const rows = [];
  for (let i = 0; i < 1000; i++) rows.push({ id: i, text: `row ${i} 😀 'quoted' "double" \\ back`, at: '2026-12-01 10:00:00.123' });
  await client.insert({ table, values: rows, format: 'JSONEachRow' });
  const picked = await client.query({
    query: `SELECT id, text FROM ${table} WHERE id < {below:UInt32} AND text != {not:String} ORDER BY id`,
    query_params: { below: 3, not: "' OR 1=1 --" },
    format: 'JSONEachRow',
  });
  seen.rows = await picked.json();
  const counted = await client.query({ query: `SELECT count() AS n, sum(id) AS total FROM ${table}`, format: 'JSONEachRow' });
  seen.counted = (await counted.json())[0];
  try {
    await client.query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' });
    seen.error = null;
  } catch (e) {
    seen.error = { code: e.code, type: e.type };
  }
  const stream = (await client.query({ query: 'SELECT number FROM numbers(200000)', format: 'JSONEachRow' })).stream();
  let count = 0;
  let sum = 0;
  for await (const batch of stream) {
    for (const row of batch) {
      count++;
      sum += Number(row.json().number);
    }
  }
  seen.streamed = { count, sum };
  const rs = await client.exec({ query: `SELECT getSetting('max_threads')`, clickhouse_settings: { max_threads: 1 } });
  let raw = '';
  for await (const chunk of rs.stream) raw += chunk.toString();
  seen.exec = raw.trim();
} catch (e) {
  seen.failure = String(e && e.stack || e);
} finally {
  await client.close();
}
console.log(JSON.stringify(seen));
