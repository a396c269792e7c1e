import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes); the parameters travel inside each hash. */
@Injectable()
export class PasswordHasherService {
  private readonly options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(hashed: string | null, password: string): Promise<boolean> {
    if (!hashed) {
      // Spend the same time on unknown accounts so response times do not reveal which e-mails exist.
      await hash(password, this.options);
      return false;
    }
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  }
}
