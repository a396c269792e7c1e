import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from './auth-user';
import { User } from './entities/user.entity';
import { UsersRepository } from './users.repository';

/** Reading people's accounts, for other features: who has this address, who is this id, with what roles. */
@Injectable()
export class UserAccountsService {
  constructor(private readonly users: UsersRepository) {}

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.users.findByEmail(email, manager);
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.users.findById(id, manager);
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.users.findByIds(ids);
  }

  /** The account with its roles, as a request sees it; null when there is no such account. */
  loadAuthUser(id: string): Promise<AuthUser | null> {
    return this.users.loadAuthUser(id);
  }
}
