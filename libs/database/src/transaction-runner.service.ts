import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Services open the transaction for their use case and pass the manager down; repositories never
 * open one. Domain rows, audit events and outbox rows therefore commit or roll back together.
 */
@Injectable()
export class TransactionRunnerService {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
