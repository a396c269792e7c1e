import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { PageArea } from '../shared/page-area';
import { AcceptInvitationController } from './accept-invitation.controller';
import { AdminInviteController } from './admin-invite.controller';

/** An administrator inviting someone, and the invited person accepting by setting a password. */
export const INVITATION_PAGES: PageArea = {
  imports: [UsersModule, OrganisationsModule],
  controllers: [AdminInviteController, AcceptInvitationController],
  providers: [],
};
