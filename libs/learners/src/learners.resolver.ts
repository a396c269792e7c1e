import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { ConnectionType, listComplexity } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission, Public } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import {
  ImportCompletionsInput,
  ManagedOrganisationsArgs,
  OrganisationStaffArgs,
  RegisterLearnerInput,
  RegistrationOrganisationsArgs,
  ConfirmStaffListInput,
  SetHeadcountInput,
  UploadStaffListInput,
} from './dto/learners.inputs';
import { CompletionImportService } from './completion-import.service';
import { HeadcountService } from './headcount.service';
import { LearnerRegistrationService } from './learner-registration.service';
import { CompletionImport, Headcount, ManagedOrganisation, OrganisationStaff, StaffListCheck, StaffListUpload } from './models/learners.models';
import { StaffListService } from './staff-list.service';

export const ManagedOrganisationConnection = ConnectionType(ManagedOrganisation, 'ManagedOrganisation');

@Resolver()
export class LearnersResolver {
  constructor(
    private readonly registration: LearnerRegistrationService,
    private readonly staffLists: StaffListService,
    private readonly headcounts: HeadcountService,
    private readonly completionImports: CompletionImportService,
  ) {}

  @Query(() => [Organisation], { description: 'Open organisations by name or ODS code, for someone registering (at most 20)' })
  @Public()
  async registrationOrganisations(@Args() { search }: RegistrationOrganisationsArgs) {
    return (await this.registration.searchOrganisations(search)).organisations;
  }

  @Mutation(() => Boolean, { description: 'Always true: whether the address already had an account is not revealed; the e-mail says' })
  @Public()
  async registerLearner(@Args('input') input: RegisterLearnerInput, @Context('req') req: Request) {
    await this.registration.register(input, req.ip ?? 'unknown');
    return true;
  }

  @Query(() => ManagedOrganisationConnection, { description: 'Organisations whose learners you manage, with their headcounts', complexity: listComplexity })
  @Can(Permission.LearnerManage)
  managedOrganisations(@CurrentUser() me: AuthUser, @Args() args: ManagedOrganisationsArgs) {
    return this.headcounts.managedOrganisations(me, args);
  }

  @Query(() => OrganisationStaff)
  @Can(Permission.LearnerManage)
  organisationStaff(@CurrentUser() me: AuthUser, @Args() { odsCode }: OrganisationStaffArgs) {
    return this.headcounts.staff(me, odsCode);
  }

  @Mutation(() => StaffListUpload, {
    description:
      'All or nothing: any bad row refuses the file (BAD_USER_INPUT, LEARNER_STAFF_LIST_INVALID, fields by "row N"). A list that would change a headcount an administrator entered needs `headcount` (LEARNER_HEADCOUNT_CHOICE_NEEDED otherwise).',
  })
  @Can(Permission.LearnerManage)
  uploadStaffList(@CurrentUser() me: AuthUser, @Args('input') input: UploadStaffListInput) {
    return this.staffLists.upload(me, input);
  }

  @Mutation(() => StaffListCheck, {
    description:
      'Checks a staff list and holds it for an hour without writing anything: what uploading it would do, including the headcount now and after. Refused as uploadStaffList would be.',
    // Reads and checks a whole file (up to 20 000 rows), as an upload does.
    complexity: 100,
  })
  @Can(Permission.LearnerManage)
  checkStaffList(@CurrentUser() me: AuthUser, @Args('input') input: UploadStaffListInput) {
    return this.staffLists.check(me, input);
  }

  @Mutation(() => StaffListUpload, {
    description: 'Uploads a list held by checkStaffList, by its caller only (LEARNER_STAFF_LIST_UPLOAD_EXPIRED otherwise)',
    complexity: 100,
  })
  @Can(Permission.LearnerManage)
  confirmStaffList(@CurrentUser() me: AuthUser, @Args('input') input: ConfirmStaffListInput) {
    return this.staffLists.confirm(me, input);
  }

  @Mutation(() => Headcount)
  @Can(Permission.LearnerManage)
  setHeadcount(@CurrentUser() me: AuthUser, @Args('input') input: SetHeadcountInput) {
    return this.headcounts.set(me, input);
  }

  @Mutation(() => CompletionImport, {
    description: 'All or nothing: any bad row refuses the file (BAD_USER_INPUT, LEARNER_COMPLETIONS_INVALID, fields by "row N")',
  })
  @Can(Permission.LearnerManage)
  importCompletions(@CurrentUser() me: AuthUser, @Args('input') input: ImportCompletionsInput) {
    return this.completionImports.import(me, input);
  }
}
