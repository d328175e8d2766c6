// A webhook receiver for Earshot's alert tests. Every request's signature is checked with the Standard Webhooks
// library (not Earshot's code). Prints its port, then one JSON line per request:
// {id, timestamp, verified, error, status, body}. Usage: node receiver.mjs SECRET MODE, where MODE is
//   ok          answer 204 to everything
//   fail:N      answer 503 to the first N attempts of each webhook-id, then 204
//   always:CODE answer CODE to everything
//   slow:MS     wait MS milliseconds, then answer 204
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const [secret, mode = 'ok'] = process.argv.slice(2);
const hook = new Webhook(secret.replace(/^whsec_/, ''));
const attempts = new Map();

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = req.headers['webhook-id'];
    let verified = false;
    let error = null;
    try {
      hook.verify(body, req.headers);
      verified = true;
    } catch (e) {
      error = String(e && e.message ? e.message : e);
    }
    const n = (attempts.get(id) || 0) + 1;
    attempts.set(id, n);
    let status = 204;
    let delay = 0;
    if (mode.startsWith('fail:') && n <= Number(mode.slice(5))) status = 503;
    if (mode.startsWith('always:')) status = Number(mode.slice(7));
    if (mode.startsWith('slow:')) delay = Number(mode.slice(5));
    setTimeout(() => {
      process.stdout.write(JSON.stringify({ id, timestamp: req.headers['webhook-timestamp'], verified, error, status, attempt: n, body }) + '\n');
      res.writeHead(status);
      res.end();
    }, delay);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
