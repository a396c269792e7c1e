import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LeadProfile } from './entities/lead-profile.entity';

export interface LeadProfileValues {
  userId: string;
  phone: string | null;
  bio: string;
  areasOfInterest: string[];
  showEmail: boolean;
  showPhone: boolean;
}

/** What a lead who has never saved a profile has: the column defaults of prisma-free-migrations/004. */
export const NEW_LEAD_PROFILE: Omit<LeadProfileValues, 'userId'> = { phone: null, bio: '', areasOfInterest: [], showEmail: true, showPhone: false };

/** What leads say about themselves (lead_profile); the table's only writer. */
@Injectable()
export class LeadProfilesRepository {
  /** The saved profile, locked until the transaction ends so two saves merge one after the other. */
  findForUpdate(manager: EntityManager, userId: string): Promise<LeadProfile | null> {
    return manager.getRepository(LeadProfile).findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  async save(manager: EntityManager, profile: LeadProfileValues, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO lead_profile (user_id, phone, bio, areas_of_interest, show_email, show_phone, updated_at)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7)
       ON CONFLICT ON CONSTRAINT lead_profile_pkey DO UPDATE
       SET phone = EXCLUDED.phone, bio = EXCLUDED.bio, areas_of_interest = EXCLUDED.areas_of_interest,
           show_email = EXCLUDED.show_email, show_phone = EXCLUDED.show_phone, updated_at = EXCLUDED.updated_at`,
      [profile.userId, profile.phone, profile.bio, profile.areasOfInterest, profile.showEmail, profile.showPhone, at],
    );
  }

  /**
   * Starts a directory profile with the telephone number the organisation gave, for people who have
   * none yet; a profile the lead has already written is theirs and is left alone.
   */
  async seed(manager: EntityManager, people: ReadonlyArray<{ userId: string; phone: string | null }>, at: Date): Promise<void> {
    const withPhone = people.filter((p) => p.phone);
    if (withPhone.length === 0) return;
    await manager.query(
      `INSERT INTO lead_profile (user_id, phone, updated_at) SELECT p.user_id, p.phone, $3 FROM unnest($1::uuid[], $2::text[]) AS p(user_id, phone)
       ON CONFLICT (user_id) DO NOTHING`,
      [withPhone.map((p) => p.userId), withPhone.map((p) => p.phone), at],
    );
  }
}
