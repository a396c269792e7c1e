import { requireEnv } from './database';

export interface SentMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: string;
}

/** Reads what reached the real SMTP server that `npm test` runs (its HTTP API). */
export const Mailbox = {
  async messagesTo(address: string): Promise<SentMail[]> {
    const res = await fetch(`${requireEnv('SMTP_SINK_URL')}/api/messages?to=${encodeURIComponent(address.toLowerCase())}`);
    if (!res.ok) throw new Error(`SMTP sink answered ${res.status}`);
    return (await res.json()) as SentMail[];
  },

  /**
   * Waits until `count` messages to the address have been parsed by the sink. SMTP has accepted them
   * by the time the send job completes; the sink parses asynchronously, so this polls briefly.
   */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<SentMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await Mailbox.messagesTo(address);
      if (messages.length >= count || Date.now() > deadline) return messages;
      await new Promise((resolve) => setImmediate(resolve));
    }
  },

  linkIn(mail: SentMail, pathPrefix: string): string {
    const match = new RegExp(`https?://[^\\s"<>]+${pathPrefix}[^\\s"<>]*`).exec(mail.text);
    if (!match) throw new Error(`No ${pathPrefix} link in e-mail "${mail.subject}"`);
    return match[0];
  },
};
