import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { AppConfig } from '@dasv/config';

/**
 * One pooled SMTP transport per process. Closed at application shutdown, after the worker has drained,
 * not at module destroy, which runs first and would cut sends under way.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport(
      {
        url: config.smtpUrl,
        pool: true,
        // As many as the e-mail processor runs at once (SendEmailProcessor's concurrency).
        maxConnections: 8,
        // A delivery holds its key's row lock while SMTP answers: a server that hangs must not hold it for minutes.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      },
      { from: config.mailFrom },
    );
    const [from] = addressparser(config.mailFrom, { flatten: true });
    this.domain = from?.address?.split('@')[1] || 'dasv.localhost';
  }

  /**
   * A stable Message-ID for an e-mail's key: sent again after a crash, the message is recognisably
   * the same one (mail clients and servers that deduplicate by Message-ID show it once).
   */
  messageIdFor(key: string): string {
    return `<${createHash('sha256').update(key).digest('hex')}@${this.domain}>`;
  }

  async send(message: { key: string; to: string; subject: string; text: string; html: string }): Promise<string> {
    const messageId = this.messageIdFor(message.key);
    await this.transport.sendMail({ from: this.config.mailFrom, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId });
    return messageId;
  }

  async verify(): Promise<boolean> {
    return this.transport.verify();
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
