// Preloaded into the server (`node --require`): records any process spawn, network connection or
// file write as a line "SIDE-EFFECT <what>" on stderr, so a test can assert there were none.
// stderr is a pipe under the test, so reporting does not itself go through fs writes.
'use strict';
const report = (what) => process.stderr.write(`SIDE-EFFECT ${what}\n`);
const wrap = (mod, names, label) => {
  for (const name of names) {
    const original = mod[name];
    if (typeof original !== 'function') continue;
    mod[name] = function (...args) {
      report(`${label}.${name} ${String(args[0]).slice(0, 200)}`);
      return original.apply(this, args);
    };
  }
};
const fs = require('fs');
const WRITES = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'truncate', 'truncateSync'];
wrap(fs, WRITES, 'fs');
wrap(fs.promises, WRITES, 'fs.promises');
const openSync = fs.openSync;
fs.openSync = function (file, flags, ...rest) {
  if (flags !== undefined && flags !== 'r' && flags !== fs.constants.O_RDONLY) report(`fs.openSync ${file} ${flags}`);
  return openSync.call(this, file, flags, ...rest);
};
wrap(require('child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
const net = require('net');
wrap(net, ['connect', 'createConnection', 'createServer'], 'net');
wrap(require('http'), ['request', 'get', 'createServer'], 'http');
wrap(require('https'), ['request', 'get', 'createServer'], 'https');
wrap(require('dgram'), ['createSocket'], 'dgram');
process.stderr.write('OBSERVER loaded\n');
