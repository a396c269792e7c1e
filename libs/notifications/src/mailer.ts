import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '@dasv/config';

/** One pooled SMTP transport per process. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport(config.smtpUrl, { from: config.mailFrom });
    (this.transport.options as { pool?: boolean }).pool = true;
  }

  async send(message: { to: string; subject: string; text: string; html: string }): Promise<string | undefined> {
    const info = await this.transport.sendMail({ from: this.config.mailFrom, ...message });
    return info.messageId;
  }

  async verify(): Promise<boolean> {
    return this.transport.verify();
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
