'use strict';
// The API and worker log JSON lines (pino). A person watching `npm start` in a terminal reads them
// through pino-pretty instead; anything else (a file, a pipe, a log collector) gets the JSON as is.

/**
 * Returns a function that turns a child's output, chunk by chunk, into what the terminal shows, or
 * null when our stdout is not a terminal (or pino-pretty is not installed), so the output passes
 * through untouched. Each call keeps its own partial line, so give each child its own.
 */
function readableLogs(stream = process.stdout) {
  if (!stream.isTTY || process.env.LOG_FORMAT === 'json') return null;
  let prettyFactory;
  try {
    ({ prettyFactory } = require('pino-pretty'));
  } catch {
    return null;
  }
  const pretty = prettyFactory({
    colorize: stream.hasColors ? stream.hasColors() : false,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req.headers,res.headers,req.remoteAddress,req.remotePort',
    singleLine: true,
  });
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop();
    let out = '';
    for (const line of lines) {
      if (!line.startsWith('{')) {
        out += `${line}\n`;
        continue;
      }
      try {
        out += pretty(JSON.parse(line));
      } catch {
        out += `${line}\n`;
      }
    }
    return out;
  };
}

module.exports = { readableLogs };
