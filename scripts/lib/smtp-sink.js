'use strict';
// A local mail catcher: every message the apps send is accepted, kept in memory and shown on a small
// web page, so nobody needs a real mail account in development or tests.
const http = require('node:http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const MAX_MESSAGES = 5000;
const MAX_SIZE = 25 * 1024 * 1024;

function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function addressesOf(field) {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((entry) => (entry.value || []).map((v) => v.address).filter(Boolean));
}

function unique(values) {
  return [...new Set(values.map((v) => String(v).toLowerCase()))];
}

function toRecord(id, parsed, session) {
  const envelopeTo = (session.envelope.rcptTo || []).map((r) => r.address);
  const headerTo = addressesOf(parsed.to).concat(addressesOf(parsed.cc));
  const from = addressesOf(parsed.from)[0] || (session.envelope.mailFrom && session.envelope.mailFrom.address) || '';
  const headers = (parsed.headerLines || []).map((h) => {
    const colon = h.line.indexOf(':');
    return { name: colon > 0 ? h.line.slice(0, colon) : h.key, value: colon > 0 ? h.line.slice(colon + 1).trim() : h.line };
  });
  return {
    id: String(id),
    from: from.toLowerCase(),
    // The envelope is who the mail was actually delivered to (it includes Bcc); headers are a fallback.
    to: unique(envelopeTo.length ? envelopeTo : headerTo),
    subject: parsed.subject || '',
    text: parsed.text || '',
    html: parsed.html || null,
    date: (parsed.date instanceof Date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : new Date()).toISOString(),
    headers,
  };
}

function publicView(message) {
  const rest = { ...message };
  delete rest.headers;
  return rest;
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'self'";

function page(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:Arial,sans-serif;margin:2rem;color:#212b32}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d8dde0;vertical-align:top}
pre{white-space:pre-wrap;background:#f0f4f5;padding:1rem}
iframe{width:100%;height:32rem;border:1px solid #d8dde0}
dt{font-weight:bold}dd{margin:0 0 .5rem 0}
</style></head><body>${body}</body></html>`;
}

function renderIndex(messages) {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(
          m.subject || '(no subject)',
        )}</a></td><td>${escapeHtml(m.date)}</td></tr>`,
    )
    .join('\n');
  const table = messages.length
    ? `<table><thead><tr><th>To</th><th>Subject</th><th>Date</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No messages yet.</p>';
  return page(
    'Mail sink',
    `<h1>Mail sink</h1><p>${messages.length} message(s), newest first.</p>
<form method="post" action="/clear"><button type="submit">Delete all messages</button></form>
${table}`,
  );
}

function renderMessage(m) {
  const headers = m.headers.map((h) => `<dt>${escapeHtml(h.name)}</dt><dd>${escapeHtml(h.value)}</dd>`).join('');
  const html = m.html ? `<h2>HTML body</h2><iframe sandbox title="HTML body" srcdoc="${escapeHtml(m.html)}"></iframe>` : '';
  return page(
    m.subject || '(no subject)',
    `<p><a href="/">All messages</a></p><h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<dl><dt>From</dt><dd>${escapeHtml(m.from)}</dd><dt>To</dt><dd>${escapeHtml(m.to.join(', '))}</dd><dt>Date</dt><dd>${escapeHtml(m.date)}</dd></dl>
<h2>Text body</h2><pre>${escapeHtml(m.text)}</pre>${html}
<h2>Headers</h2><dl>${headers}</dl>`,
  );
}

function send(res, status, type, body, extra = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts an SMTP server that accepts everything and an HTTP inbox for it.
 * Returns { smtpUrl, webUrl, smtpPort, httpPort, messages, stop() }.
 */
async function startSmtpSink({ smtpPort = 0, httpPort = 0, host = '127.0.0.1' } = {}) {
  const messages = [];
  let sequence = 0;

  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'DASV Network mail sink',
    size: MAX_SIZE,
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      simpleParser(stream, { skipImageLinks: true })
        .then((parsed) => {
          if (stream.sizeExceeded) {
            const err = new Error('Message exceeds the size limit');
            err.responseCode = 552;
            callback(err);
            return;
          }
          messages.unshift(toRecord(++sequence, parsed, session));
          if (messages.length > MAX_MESSAGES) messages.length = MAX_MESSAGES;
          callback();
        })
        .catch((err) => callback(err));
    },
  });
  smtp.on('error', () => {
    // A client dropping its connection is not the sink's problem.
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://sink.invalid');
    const route = url.pathname.replace(/\/+$/, '') || '/';
    try {
      if (route === '/api/messages' && req.method === 'GET') {
        const to = (url.searchParams.get('to') || '').trim().toLowerCase();
        const list = to ? messages.filter((m) => m.to.includes(to)) : messages;
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(list.map(publicView)));
      }
      if (route === '/api/messages' && req.method === 'DELETE') {
        messages.length = 0;
        return send(res, 204, 'text/plain', '');
      }
      const apiItem = /^\/api\/messages\/([^/]+)$/.exec(route);
      if (apiItem && req.method === 'GET') {
        const found = messages.find((m) => m.id === decodeURIComponent(apiItem[1]));
        if (!found) return send(res, 404, 'application/json', JSON.stringify({ error: 'not found' }));
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(publicView(found)));
      }
      if (route === '/clear' && req.method === 'POST') {
        messages.length = 0;
        return send(res, 303, 'text/plain', '', { Location: '/' });
      }
      const htmlHeaders = { 'Content-Security-Policy': PAGE_CSP, 'X-Content-Type-Options': 'nosniff' };
      if (route === '/' && req.method === 'GET') {
        return send(res, 200, 'text/html; charset=utf-8', renderIndex(messages), htmlHeaders);
      }
      const item = /^\/messages\/([^/]+)$/.exec(route);
      if (item && req.method === 'GET') {
        const found = messages.find((m) => m.id === decodeURIComponent(item[1]));
        if (found) return send(res, 200, 'text/html; charset=utf-8', renderMessage(found), htmlHeaders);
      }
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    } catch {
      return send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
    }
  });

  let boundSmtp;
  let boundWeb;
  try {
    boundSmtp = await listen(smtp.server, smtpPort, host);
    boundWeb = await listen(web, httpPort, host);
  } catch (err) {
    smtp.close(() => {});
    web.close();
    throw new Error(`mail sink could not listen: ${err.message}`, { cause: err });
  }

  let stopped = null;
  const stop = () => {
    if (!stopped) {
      stopped = Promise.all([
        new Promise((resolve) => smtp.close(resolve)),
        new Promise((resolve) => {
          web.close(() => resolve());
          web.closeAllConnections();
        }),
      ]).then(() => undefined);
    }
    return stopped;
  };

  return {
    name: 'mail sink',
    smtpPort: boundSmtp,
    httpPort: boundWeb,
    smtpUrl: `smtp://${host}:${boundSmtp}`,
    webUrl: `http://${host}:${boundWeb}`,
    messages,
    stop,
  };
}

module.exports = { startSmtpSink, escapeHtml };
