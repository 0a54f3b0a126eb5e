// postinstall: repairs how postgres.js 3.4.9 (the latest release) survives a connection that PostgreSQL
// drops while a query is in flight (pg_terminate_backend, a failover, a proxy or pooler restart).
// Upstream: porsager/postgres#1154, #1208 (fix proposed in #1168 / #1209, not released).
//
// What 3.4.9 does, reproduced by tests/hardening/faults.test.ts (a transaction whose backend is
// terminated mid-way, then the next calls):
//   - the transaction's ROLLBACK is queued behind a setImmediate; the socket is gone when it fires and
//     `TypeError: Cannot read properties of null (reading 'write')` is thrown where no try/catch can
//     reach it: the app server process dies;
//   - or the teardown cancels that timer without forgetting it, so the reconnected connection never
//     writes again and every later query on it hangs for ever;
//   - the FATAL error of the dropped query is kept, and handed to the first query of the reconnected
//     connection, which fails for nothing;
//   - the dead transaction's ROLLBACK is written into the reconnecting session, which breaks it.
// The repair, each part marked `aihub-patch` in node_modules/postgres/{src,cjs/src,cf/src}/connection.js:
//   1. nextWrite() with no socket settles the queued queries with CONNECTION_CLOSED instead of throwing;
//   2. both teardown paths (closed, terminate) also reset the write buffer and its timer;
//   3. closed() settles every query still queued (also those queued after a socket error, which were
//      left waiting in the next session for an answer that never came: a hang) and forgets the dead
//      session's query and error;
//   4. execute() refuses a query while the connection has no session (from its close until the next
//      session's first ReadyForQuery): the dead transaction's ROLLBACK was otherwise written into the
//      new session ahead of its start-up message, which broke that session.
// Idempotent; changes nothing unless it finds exactly the text it expects.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'node_modules', 'postgres');
const EXPECTED_VERSION = '3.4.9';

const patches = [
  {
    name: 'nextWrite',
    before: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
    after:
      '  function nextWrite(fn) {\n' +
      '    if (socket === null) { // aihub-patch:nextWrite: the connection closed with a write queued\n' +
      '      chunk = nextWriteTimer = null\n' +
      "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
      '      return false\n' +
      '    }\n' +
      '    const x = socket.write(chunk, fn)\n',
    count: 1,
  },
  {
    name: 'teardown',
    before: '    clearImmediate(nextWriteTimer)\n',
    after: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null // aihub-patch:teardown\n',
    count: 2,
  },
  {
    name: 'ready-declare',
    before: '    , initial = null\n',
    after:
      '    , initial = null\n    , aihubReady = false // aihub-patch:ready-declare: a session is up (ReadyForQuery seen)\n',
    count: 1,
  },
  {
    name: 'ready-clear',
    before: '  async function closed(hadError) {\n',
    after: '  async function closed(hadError) {\n    aihubReady = false // aihub-patch:ready-clear\n',
    count: 1,
  },
  {
    name: 'ready-set',
    before: '  function ReadyForQuery(x) {\n',
    after: '  function ReadyForQuery(x) {\n    aihubReady = true // aihub-patch:ready-set\n',
    count: 1,
  },
  {
    name: 'execute',
    before:
      "  function execute(q) {\n    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n",
    after:
      "  function execute(q) {\n    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n" +
      '    // aihub-patch:execute: a query for a session that is gone (the ROLLBACK of a transaction whose\n' +
      '    // backend was terminated) must not be written into the next session while that one starts.\n' +
      '    // Answers true ("not full") so that its caller leaves the connection in the queue it is in.\n' +
      '    if (!aihubReady)\n' +
      "      return queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true\n",
    count: 1,
  },
  {
    name: 'closed-settle',
    before:
      "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    after:
      "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n" +
      '    // aihub-patch:closed-settle: also settle what was queued after the socket error, and forget the\n' +
      "    // dead session's query and error, so that nothing of it reaches the next session.\n" +
      "    sent.length && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n" +
      '    query = errorResponse = null\n',
    count: 1,
  },
];

function main() {
  let version;
  try {
    version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  } catch {
    return; // postgres is not installed here: nothing to do
  }
  if (version !== EXPECTED_VERSION) {
    console.warn(
      `[patch-postgres] postgres ${version} is not ${EXPECTED_VERSION}: not patched; check whether it still needs the repair.`,
    );
    return;
  }
  for (const dir of ['src', 'cjs/src', 'cf/src']) {
    const file = path.join(root, dir, 'connection.js');
    if (!fs.existsSync(file)) continue;
    let text = fs.readFileSync(file, 'utf8');
    for (const patch of patches) {
      if (text.includes(`aihub-patch:${patch.name}`)) continue;
      if (text.split(patch.before).length - 1 !== patch.count) {
        console.warn(`[patch-postgres] ${dir}/connection.js: "${patch.name}" does not match: not patched.`);
        continue;
      }
      text = text.replaceAll(patch.before, patch.after);
    }
    fs.writeFileSync(file, text);
  }
}

main();
