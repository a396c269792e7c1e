import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderFactory } from '@dasv/common';
import { RoleAssignment } from '@dasv/auth';
import { UserDirectoryRepository } from './user-directory.repository';

export interface UserLoaderSet {
  rolesOf: DataLoader<string, RoleAssignment[]>;
}

@Injectable()
export class UserLoaders implements LoaderFactory<UserLoaderSet> {
  constructor(private readonly directory: UserDirectoryRepository) {}

  createLoaders(): UserLoaderSet {
    return {
      rolesOf: new DataLoader(async (userIds) => {
        const rows = await this.directory.rolesOf(userIds);
        return userIds.map((id) => rows.filter((r) => r.userId === id));
      }),
    };
  }
}
