import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DasvLead } from './entities/dasv-lead.entity';
import { LeadProfilesRepository, LeadProfileValues, NEW_LEAD_PROFILE } from './lead-profiles.repository';
import { ChangedLead, LeadPerson, LeadPlace } from './lead-records';
import { LeadsRepository } from './leads.repository';

/** A person becoming a lead, with the telephone number the organisation gave for them, if any. */
export interface LeadAppointee extends LeadPlace {
  phone: string | null;
}

/** What a lead may change about their profile; a field left undefined keeps its saved value. */
export interface LeadProfileChanges {
  phone?: string | null;
  bio?: string;
  areasOfInterest?: string[];
  showEmail?: boolean;
  showPhone?: boolean;
}

export type LeadProfileField = keyof LeadProfileChanges;

const PROFILE_FIELDS: readonly LeadProfileField[] = ['phone', 'bio', 'areasOfInterest', 'showEmail', 'showPhone'];

/**
 * Who the DASV leads are, and what they say about themselves: every change to dasv_lead and
 * lead_profile goes through here. Nominations appoints, ends and hands over leads; the directory
 * reads them and saves a lead's own profile. Changes run in the caller's transaction (`manager`),
 * beside the caller's audit and outbox rows; the use case that asks owns the transaction.
 */
@Injectable()
export class LeadsService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly profiles: LeadProfilesRepository,
  ) {}

  findByIds(ids: readonly string[]): Promise<DasvLead[]> {
    return this.leads.findByIds(ids);
  }

  /** The lead roles these people hold now, earliest first. */
  currentRolesOf(userIds: readonly string[]): Promise<DasvLead[]> {
    return this.leads.findCurrentOf(userIds);
  }

  /** Every lead, current and past, of the organisation and of every organisation merged into it. */
  lineageOf(organisationId: string): Promise<DasvLead[]> {
    return this.leads.findLineage(organisationId);
  }

  hasEverLed(userId: string): Promise<boolean> {
    return this.leads.hasEverLed(userId);
  }

  /** The organisation's current leads: executive, senior, then operational, longest serving first. */
  currentAt(organisationId: string, manager?: EntityManager): Promise<LeadPerson[]> {
    return this.leads.findCurrentAt(organisationId, manager);
  }

  find(leadId: string, manager?: EntityManager): Promise<LeadPerson | null> {
    return this.leads.findPerson(leadId, manager);
  }

  /** The lead, locked until the caller's transaction ends, so that two handovers of one place cannot both succeed. */
  lockForChange(manager: EntityManager, leadId: string): Promise<LeadPerson | null> {
    return this.leads.lockPerson(manager, leadId);
  }

  currentLeadId(manager: EntityManager, organisationId: string, place: LeadPlace): Promise<string | null> {
    return this.leads.findCurrentId(manager, organisationId, place);
  }

  /** Of these people, those who are a current lead of the organisation. */
  async leadingAt(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<Set<string>> {
    return new Set(await this.leads.findLeadingAt(manager, organisationId, userIds));
  }

  /** Of these people, those with no current lead left at the organisation. */
  withoutCurrentLead(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<string[]> {
    return this.leads.findWithoutCurrentLead(manager, organisationId, userIds);
  }

  /**
   * Makes each person a lead of the organisation in their role, unless they are one already (their
   * row then points at `sourceSubmissionId`, the latest naming), and starts a profile with the
   * telephone number given for anyone who has none. Returns the leads started now.
   */
  async appoint(
    manager: EntityManager,
    organisationId: string,
    appointees: readonly LeadAppointee[],
    sourceSubmissionId: string | null,
    at: Date,
  ): Promise<ChangedLead[]> {
    const started = await this.leads.start(
      manager,
      organisationId,
      appointees.map(({ userId, leadRole }) => ({ userId, leadRole })),
      sourceSubmissionId,
      at,
    );
    await this.profiles.seed(manager, appointees, at);
    return started;
  }

  /** Ends the organisation's current leads other than `keep` (person and role); returns those ended. */
  endAllExcept(manager: EntityManager, organisationId: string, keep: readonly LeadPlace[], at: Date): Promise<ChangedLead[]> {
    return this.leads.endAllExcept(manager, organisationId, keep, at);
  }

  /** Ends `fromLeadId`, linked to the lead who took over its place, so the organisation's history shows who followed whom. */
  handOver(manager: EntityManager, fromLeadId: string, toLeadId: string, at: Date): Promise<void> {
    return this.leads.end(manager, fromLeadId, at, toLeadId);
  }

  /**
   * Saves the fields given and keeps the rest, merged under a lock so two saves apply one after the
   * other. Returns which fields changed (never their values, which have no place in an audit trail).
   */
  async updateProfile(manager: EntityManager, userId: string, changes: LeadProfileChanges, at: Date): Promise<LeadProfileField[]> {
    const saved = (await this.profiles.findForUpdate(manager, userId)) ?? NEW_LEAD_PROFILE;
    const next: LeadProfileValues = {
      userId,
      phone: changes.phone === undefined ? saved.phone : changes.phone,
      bio: changes.bio ?? saved.bio,
      areasOfInterest: changes.areasOfInterest ?? saved.areasOfInterest,
      showEmail: changes.showEmail ?? saved.showEmail,
      showPhone: changes.showPhone ?? saved.showPhone,
    };
    await this.profiles.save(manager, next, at);
    return PROFILE_FIELDS.filter((field) => JSON.stringify(next[field]) !== JSON.stringify(saved[field]));
  }
}
