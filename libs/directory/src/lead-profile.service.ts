import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser } from '@dasv/auth';
import { LeadsService } from '@dasv/leads';
import { directoryLeadFor } from './contact-visibility';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';
import { directoryError } from './directory.errors';
import { UpdateLeadProfileInput } from './dto/update-lead-profile.input';
import { DirectoryLead } from './models/directory-lead.model';

/** A lead's own directory profile: what they say about themselves and which contact details they show. */
@Injectable()
export class LeadProfileService {
  constructor(
    private readonly directoryService: DirectoryService,
    private readonly directory: DirectoryRepository,
    private readonly leads: LeadsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: TransactionRunnerService,
  ) {}

  async mine(me: AuthUser): Promise<DirectoryLead> {
    await this.requireLead(me);
    return this.directoryService.profile(me, me.id);
  }

  /** Saves the fields given and keeps the rest; the answer is the profile as saved. */
  async update(me: AuthUser, input: UpdateLeadProfileInput): Promise<DirectoryLead> {
    await this.requireLead(me);
    return this.tx.run(async (manager) => {
      // Which fields changed, not their values: a bio or number has no place in the audit trail.
      const changed = await this.leads.updateProfile(manager, me.id, input, this.clock.now());
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'lead_profile.updated',
        entityType: 'user',
        entityId: me.id,
        organisationId: me.organisationId,
        details: { fields: changed },
      });
      const [row] = await this.directory.findPeople([me.id], this.directoryService.viewerOf(me), manager);
      return directoryLeadFor(row, me.id);
    });
  }

  private async requireLead(me: AuthUser): Promise<void> {
    if (!(await this.directoryService.isLead(me))) {
      throw directoryError('NotALead', 'Only DASV leads have a directory profile.');
    }
  }
}
