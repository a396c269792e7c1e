import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { Permission, PERMISSION_KEY, PUBLIC_KEY, Role, ROLE_PERMISSIONS, SIGNED_IN_KEY } from '@dasv/auth';
import { createTestApp, createUser, GqlResult, TestApp } from '@dasv/testing';

/**
 * Every query and mutation in the schema, as each kind of caller, against a target inside and one
 * outside the caller's subtree. Two things make it schema-driven: the list of operations comes from
 * the running schema, so a new operation without a declared permission, or without an entry in
 * CASES below, fails here; and arguments the entry does not give are made up from their types.
 */

type OperationKind = 'query' | 'mutation';
type Declared = { public: true } | { signedIn: true } | { permission: Permission };

/** What a caller is tested against: an organisation and things held there. */
interface Target {
  ods: string;
  userId: string;
  assignmentId: string;
  leadId: string;
  /** The lead's account: the directory names leads by their user id. */
  leadUserId: string;
  /** A return asking every trust in England: organisation-keyed calls name `ods` within it. */
  returnId: string;
  /** A return asking only this side's region: London inside, the North West outside. */
  regionalReturnId: string;
}

interface Case {
  /**
   * public: anyone, signed in or not. self: only the caller's own things (no target to be outside
   * of). national: reference data any holder of the permission reads nationwide, by design.
   * national-only: a permission only national admins hold (checked). subtree: takes a target, which
   * must be inside the caller's subtree.
   */
  scope: 'public' | 'self' | 'national' | 'national-only' | 'subtree';
  /** Arguments (over those made up from types), for a target. */
  args?: (t: Target) => Record<string, unknown>;
  /** Only these roles are served (a lead's own directory profile); the others are refused, as by a permission. */
  for?: readonly Role[];
  /** For lists: what a result shows, to check nothing of the outside target is among it. */
  shows?: { select: string; ids: (data: any) => string[]; of: (t: Target) => string };
}

const SLUG = 'understanding-sexual-misconduct';
/** In every address this file makes, so that mail to them in the shared SMTP sink is never confused with another file's. */
const RUN = randomBytes(4).toString('hex');
const CSV_ONLY_HEADER = (csv: unknown) => typeof csv === 'string' && csv.trim().split(/\r?\n/).length <= 1;

const CASES: Record<string, Case> = {
  // Signing in and out, links from e-mails, registration, certificate checks.
  'mutation.signIn': { scope: 'public' },
  'mutation.signOut': { scope: 'public' },
  'mutation.requestPasswordReset': { scope: 'public', args: () => ({ input: { email: 'nobody.at.all@nhs.net' } }) },
  'mutation.resetPassword': { scope: 'public' },
  'mutation.acceptInvitation': { scope: 'public' },
  'mutation.registerLearner': { scope: 'public' },
  'query.registrationOrganisations': { scope: 'public', args: () => ({ search: 'guy' }) },
  'query.verifyCertificate': { scope: 'public', args: () => ({ code: '7K3M-9QXD-H2PA' }) },

  'query.me': { scope: 'self' },
  'query.myCertificate': { scope: 'self', args: () => ({ slug: SLUG }) },
  'query.course': { scope: 'self', args: () => ({ slug: SLUG }) },
  'query.myCourseProgress': { scope: 'self', args: () => ({ slug: SLUG }) },
  'mutation.startCourse': { scope: 'self', args: () => ({ slug: SLUG }) },
  'mutation.saveCoursePage': { scope: 'self' },
  'mutation.startAssessment': { scope: 'self', args: () => ({ slug: SLUG }) },
  'mutation.submitAssessment': { scope: 'self' },
  'query.myLeadProfile': { scope: 'self', for: [Role.DASV_LEAD] },
  'mutation.updateMyLeadProfile': { scope: 'self', for: [Role.DASV_LEAD] },
  // Being asked to be a lead: only the person asked sees or answers their own question.
  'query.myLeadAppointments': { scope: 'self' },
  'mutation.agreeToLeadAppointment': { scope: 'self' },
  'mutation.declineLeadAppointment': { scope: 'self' },

  // The organisation hierarchy and the lead directory are national by design: every lead may find every other.
  'query.organisation': { scope: 'national', args: (t) => ({ odsCode: t.ods }) },
  'query.organisations': { scope: 'national' },
  'query.directory': { scope: 'national' },
  'query.directoryLead': { scope: 'national', args: (t) => ({ id: t.leadUserId }) },
  'query.organisationLeads': { scope: 'national', args: (t) => ({ odsCode: t.ods }) },

  // NHS England's programme team.
  'mutation.openNominationReturn': {
    scope: 'national-only',
    args: () => ({ input: { title: 'A return', organisationTypes: ['TRUST'], deadline: '2099-01-31T12:00' } }),
  },
  'mutation.closeNominationReturn': { scope: 'national-only' },
  'mutation.decideSubmission': { scope: 'national-only' },
  'query.nominationReturnPreview': {
    scope: 'national-only',
    args: () => ({ input: { title: 'A return', organisationTypes: ['TRUST'], deadline: '2099-01-31T12:00' } }),
  },
  'query.nominationReview': { scope: 'national-only', args: (t) => ({ returnId: t.returnId, organisationOdsCode: t.ods }) },
  'query.courseVersions': { scope: 'national-only', args: () => ({ slug: SLUG }) },
  'query.courseDraft': { scope: 'national-only', args: () => ({ slug: SLUG }) },
  'mutation.createCourseDraft': { scope: 'national-only', args: () => ({ slug: SLUG }) },
  'mutation.updateCourseDraftSettings': { scope: 'national-only' },
  'mutation.addCourseModule': { scope: 'national-only' },
  'mutation.updateCourseModule': { scope: 'national-only' },
  'mutation.removeCourseModule': { scope: 'national-only' },
  'mutation.addCoursePage': { scope: 'national-only' },
  'mutation.updateCoursePage': { scope: 'national-only' },
  'mutation.removeCoursePage': { scope: 'national-only' },
  'mutation.addKnowledgeCheck': { scope: 'national-only' },
  'mutation.updateKnowledgeCheck': { scope: 'national-only' },
  'mutation.removeKnowledgeCheck': { scope: 'national-only' },
  'mutation.addAssessmentQuestion': { scope: 'national-only' },
  'mutation.updateAssessmentQuestion': { scope: 'national-only' },
  'mutation.removeAssessmentQuestion': { scope: 'national-only' },
  'mutation.publishCourseDraft': { scope: 'national-only' },

  // Users and roles.
  'query.users': { scope: 'subtree', args: (t) => ({ organisation: t.ods }) },
  'query.user': { scope: 'subtree', args: (t) => ({ id: t.userId }) },
  'mutation.inviteUser': {
    scope: 'subtree',
    args: (t) => ({
      input: { email: `invitee.${t.ods.toLowerCase()}.${RUN}.${Date.now()}@nhs.net`, name: 'Invitee', organisationOdsCode: t.ods, role: 'LEARNER' },
    }),
  },
  'mutation.grantRole': { scope: 'subtree', args: (t) => ({ input: { userId: t.userId, organisationOdsCode: t.ods, role: 'DASV_LEAD' } }) },
  'mutation.revokeRole': { scope: 'subtree', args: (t) => ({ id: t.assignmentId }) },
  'mutation.resendInvitation': { scope: 'subtree', args: (t) => ({ userId: t.userId }) },
  'mutation.cancelInvitation': { scope: 'subtree', args: (t) => ({ userId: t.userId }) },
  'query.auditEvents': {
    scope: 'subtree',
    args: (t) => ({ organisation: t.ods }),
    shows: { select: '{ edges { node { organisation { odsCode } } } }', ids: (d) => d.edges.map((e: any) => e.node.organisation?.odsCode), of: (t) => t.ods },
  },
  'query.auditEventsCsv': { scope: 'subtree', args: (t) => ({ organisation: t.ods }) },

  // Nomination returns.
  'query.nominationReturns': {
    scope: 'subtree',
    shows: { select: '{ edges { node { id } } }', ids: (d) => d.edges.map((e: any) => e.node.id), of: (t) => t.regionalReturnId },
  },
  'query.nominationReturn': { scope: 'subtree', args: (t) => ({ id: t.regionalReturnId }) },
  'query.nominationForm': { scope: 'subtree', args: (t) => ({ returnId: t.returnId, organisationOdsCode: t.ods }) },
  'mutation.submitNomination': {
    scope: 'subtree',
    args: (t) => ({
      input: {
        returnId: t.returnId,
        organisationOdsCode: t.ods,
        executiveLead: { name: 'Exec Lead', jobTitle: 'Chief Nurse', email: `exec.${t.ods.toLowerCase()}.${RUN}@nhs.net`, onExecutiveTeam: true },
        operationalLeads: [],
      },
    }),
  },
  'mutation.handOverLead': {
    scope: 'subtree',
    args: (t) => ({
      input: {
        leadId: t.leadId,
        successor: { name: 'Successor', jobTitle: 'Chief Nurse', email: `successor.${t.ods.toLowerCase()}.${RUN}.${Date.now()}@nhs.net` },
      },
    }),
  },
  'query.nominationDashboard': { scope: 'subtree', args: (t) => ({ returnId: t.returnId, within: t.ods }) },
  'query.nominationRequests': { scope: 'subtree', args: (t) => ({ returnId: t.returnId, within: t.ods }) },
  'query.nominationStatusesCsv': { scope: 'subtree', args: (t) => ({ returnId: t.returnId, within: t.ods }) },
  'query.nominationLeadsCsv': { scope: 'subtree', args: (t) => ({ returnId: t.returnId, within: t.ods }) },
  'query.chaseLog': { scope: 'subtree', args: (t) => ({ returnId: t.returnId, organisationOdsCode: t.ods }) },
  'mutation.pauseChasing': {
    scope: 'subtree',
    args: (t) => ({
      input: {
        returnId: t.returnId,
        organisationOdsCode: t.ods,
        until: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        reason: 'Agreed extension',
      },
    }),
  },
  'mutation.resumeChasing': { scope: 'subtree', args: (t) => ({ input: { returnId: t.returnId, organisationOdsCode: t.ods } }) },

  // Organisation contacts: edited within one's subtree; loaded from files by the national team only (header-only files write nothing).
  'mutation.setOrganisationContact': {
    scope: 'subtree',
    args: (t) => ({ input: { organisationOdsCode: t.ods, role: 'CHIEF_EXECUTIVE_OFFICE', email: `ceo.office.${RUN}@nhs.net` } }),
  },
  'mutation.removeOrganisationContact': { scope: 'subtree', args: (t) => ({ input: { organisationOdsCode: t.ods, role: 'DASV_LEAD_OFFICE' } }) },
  'query.previewOrganisationContactImport': { scope: 'national-only', args: () => ({ csv: 'ODS code,Contact role,Name,Email\n' }) },
  'mutation.importOrganisationContacts': { scope: 'national-only', args: () => ({ csv: 'ODS code,Contact role,Name,Email\n' }) },
  'query.previewAdminInvitationImport': { scope: 'national-only', args: () => ({ csv: 'ODS code,Name,Email\n' }) },
  'mutation.importAdminInvitations': { scope: 'national-only', args: () => ({ csv: 'ODS code,Name,Email\n' }) },
  'mutation.chaseNow': { scope: 'subtree', args: (t) => ({ input: { returnId: t.returnId, organisationOdsCode: t.ods } }) },

  // Directory export: one's own subtree.
  'query.directoryCsv': { scope: 'subtree', args: (t) => ({ organisation: t.ods }) },

  // Learners and learning reports.
  'query.managedOrganisations': {
    scope: 'subtree',
    args: (t) => ({ search: t.ods, first: 50 }),
    shows: { select: '{ edges { node { organisation { odsCode } } } }', ids: (d) => d.edges.map((e: any) => e.node.organisation.odsCode), of: (t) => t.ods },
  },
  'query.organisationStaff': { scope: 'subtree', args: (t) => ({ odsCode: t.ods }) },
  'mutation.uploadStaffList': {
    scope: 'subtree',
    args: (t) => ({ input: { odsCode: t.ods, csv: `email,name\nstaff.${t.ods.toLowerCase()}.${Date.now()}@nhs.net,Staff Member\n` } }),
  },
  'mutation.checkStaffList': {
    scope: 'subtree',
    args: (t) => ({ input: { odsCode: t.ods, csv: `email,name\nchecked.${t.ods.toLowerCase()}.${Date.now()}@nhs.net,Staff Member\n` } }),
  },
  // A list held for its checker alone: there is no organisation to name, only the caller's own upload.
  'mutation.confirmStaffList': { scope: 'self' },
  'mutation.setHeadcount': { scope: 'subtree', args: (t) => ({ input: { odsCode: t.ods, headcount: 100 } }) },
  'mutation.importCompletions': { scope: 'subtree', args: (t) => ({ input: { odsCode: t.ods, source: 'ELFH', csv: 'email,completed\n' } }) },
  'query.completionDashboard': { scope: 'subtree', args: (t) => ({ slug: SLUG, odsCode: t.ods }) },
  'query.completionDashboardCsv': { scope: 'subtree', args: (t) => ({ slug: SLUG, odsCode: t.ods }) },
  'query.learnersNotCompleted': { scope: 'subtree', args: (t) => ({ slug: SLUG, odsCode: t.ods }) },
  'query.learnersNotCompletedCsv': { scope: 'subtree', args: (t) => ({ slug: SLUG, odsCode: t.ods }) },
  'query.courseReminders': { scope: 'subtree', args: (t) => ({ slug: SLUG, odsCode: t.ods }) },
  'mutation.sendCourseReminders': { scope: 'subtree', args: (t) => ({ input: { slug: SLUG, odsCode: t.ods } }) },
  'mutation.setCourseReminderSchedule': { scope: 'subtree', args: (t) => ({ input: { slug: SLUG, odsCode: t.ods, enabled: true } }) },
};

interface Operation {
  key: string;
  kind: OperationKind;
  field: GraphQLField<unknown, unknown>;
}

function operationsOf(app: TestApp): Operation[] {
  const schema = app.api.get(GraphQLSchemaHost).schema;
  const list: Operation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) list.push({ key: `${kind}.${field.name}`, kind, field });
  }
  return list;
}

/** What each Query and Mutation handler declares, read from the decorators' metadata on the running app's resolvers. */
function declarationsOf(app: TestApp): Map<string, Declared | null> {
  const found = new Map<string, Declared | null>();
  for (const module of app.api.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of Object.getOwnPropertyNames(prototype)) {
        // Through the descriptor: reading a getter (Nest's own providers have some) would run it.
        const handler: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const type = Reflect.getMetadata('graphql:resolver_type', handler);
        if (type !== 'Query' && type !== 'Mutation') continue;
        const fieldName = Reflect.getMetadata('graphql:resolver_name', handler) ?? name;
        const on = [handler, prototype.constructor];
        const read = (key: string) => on.map((target) => Reflect.getMetadata(key, target)).find((v) => v !== undefined);
        const permission = read(PERMISSION_KEY) as Permission | undefined;
        const declared: Declared | null = read(PUBLIC_KEY) ? { public: true } : permission ? { permission } : read(SIGNED_IN_KEY) ? { signedIn: true } : null;
        found.set(`${type === 'Query' ? 'query' : 'mutation'}.${fieldName}`, declared);
      }
    }
  }
  return found;
}

/** A value of the type that GraphQL accepts, for arguments a case leaves out: refusals come before validation. */
function sample(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name);
  if (isListType(type)) return [sample(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) if (isNonNullType(field.type)) value[field.name] = sample(field.type, field.name);
    return value;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return 1;
    if (type.name === 'Boolean') return true;
    if (type.name === 'ID') return '00000000-0000-4000-8000-000000000000';
    if (/email/i.test(name)) return 'someone@nhs.net';
    if (/odsCode|organisation/i.test(name)) return 'RJ1';
    return 'x';
  }
  return null;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (base && over && typeof base === 'object' && typeof over === 'object' && !Array.isArray(base) && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
    return out;
  }
  return over;
}

function request(op: Operation, args: Record<string, unknown>, select?: string): { query: string; variables: Record<string, unknown> } {
  const used = op.field.args.filter((a: GraphQLArgument) => a.name in args || isNonNullType(a.type));
  const variables: Record<string, unknown> = {};
  for (const a of used) variables[a.name] = merge(isNonNullType(a.type) ? sample(a.type, a.name) : undefined, args[a.name]);
  const defs = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = select ?? (isLeafType(getNamedType(op.field.type)) ? '' : '{ __typename }');
  return { query: `${op.kind}${defs ? `(${defs})` : ''} { ${op.field.name}${call ? `(${call})` : ''} ${selection} }`, variables };
}

const CALLERS: ReadonlyArray<{ role: Role; at: string }> = [
  { role: Role.NATIONAL_ADMIN, at: 'X24' },
  { role: Role.REGIONAL_ADMIN, at: 'Y56' },
  { role: Role.ICB_ADMIN, at: 'QKK' },
  { role: Role.ORG_ADMIN, at: 'RJ1' },
  { role: Role.DASV_LEAD, at: 'RJ1' },
  { role: Role.LEARNER, at: 'RJ1' },
];
const INSIDE = 'RJ1';

describe('authorisation across the whole schema', () => {
  let app: TestApp;
  let operations: Operation[];
  const agents = new Map<Role, TestAgent>();
  const targets = new Map<string, Target>();
  /** For each caller, the organisation just outside: the next region, the next ICB of the region, the next trust of the ICB. */
  const outsideOf = new Map<Role, string>();

  beforeAll(async () => {
    app = await createTestApp();
    operations = operationsOf(app);
    for (const caller of CALLERS)
      agents.set(
        caller.role,
        (await app.signedIn({ email: `${caller.role.toLowerCase()}.${RUN}@nhs.net`, odsCode: caller.at, roles: [{ role: caller.role }] })).agent,
      );

    const [otherIcbTrust] = await app.dataSource.query(
      `SELECT o.ods_code FROM organisation o
       JOIN organisation_ancestor r ON r.descendant_id = o.id JOIN organisation region ON region.id = r.ancestor_id AND region.ods_code = 'Y56'
       WHERE o.type = 'TRUST' AND o.is_active
         AND NOT EXISTS (SELECT 1 FROM organisation_ancestor i JOIN organisation icb ON icb.id = i.ancestor_id WHERE i.descendant_id = o.id AND icb.ods_code = 'QKK')
       ORDER BY o.ods_code LIMIT 1`,
    );
    outsideOf.set(Role.REGIONAL_ADMIN, 'R0A');
    outsideOf.set(Role.ICB_ADMIN, otherIcbTrust.ods_code);
    for (const role of [Role.ORG_ADMIN, Role.DASV_LEAD, Role.LEARNER]) outsideOf.set(role, 'RJ2');

    const national = agents.get(Role.NATIONAL_ADMIN)!;
    const open = async (scopeOdsCode: string | undefined) => {
      const r = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
        i: { title: `Return ${scopeOdsCode ?? 'England'}`, organisationTypes: ['TRUST'], scopeOdsCode, deadline: '2099-01-31T12:00' },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.openNominationReturn.id as string;
    };
    const england = await open(undefined);
    const london = await open('Y56');
    const northWest = await open('Y62');

    for (const ods of new Set([INSIDE, ...outsideOf.values()])) {
      const user = await createUser(app.dataSource, { email: `learner.${ods.toLowerCase()}.${RUN}@nhs.net`, odsCode: ods, roles: [{ role: Role.LEARNER }] });
      const [assignment] = await app.dataSource.query(`SELECT id FROM role_assignment WHERE user_id = $1`, [user.id]);
      // Someone already at the organisation is named at once; anyone else would first have to agree.
      await createUser(app.dataSource, { email: `lead.${ods.toLowerCase()}.${RUN}@nhs.net`, odsCode: ods, roles: [{ role: Role.LEARNER }] });
      const submitted = await app.gql(national, `mutation($i: SubmitNominationInput!) { submitNomination(input: $i) { id } }`, {
        i: {
          returnId: england,
          organisationOdsCode: ods,
          executiveLead: { name: `Lead of ${ods}`, jobTitle: 'Chief Nurse', email: `lead.${ods.toLowerCase()}.${RUN}@nhs.net`, onExecutiveTeam: true },
          operationalLeads: [],
        },
      });
      if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
      const [lead] = await app.dataSource.query(
        `SELECT l.id, l.user_id FROM dasv_lead l JOIN organisation o ON o.id = l.organisation_id WHERE o.ods_code = $1 ORDER BY l.id LIMIT 1`,
        [ods],
      );
      targets.set(ods, {
        ods,
        userId: user.id,
        assignmentId: assignment.id,
        leadId: lead.id,
        leadUserId: lead.user_id,
        returnId: england,
        regionalReturnId: ods === INSIDE ? london : northWest,
      });
    }
  }, 120_000);
  afterAll(() => app?.close());

  const call = (agent: TestAgent, op: Operation, t: Target, select?: string): Promise<GqlResult> => {
    const { query, variables } = request(op, CASES[op.key]?.args?.(t) ?? {}, select);
    return app.gql(agent, query, variables);
  };
  const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);

  it('finds every query and mutation, and each declares @Public, @Can or @SignedIn on its handler', () => {
    const declared = declarationsOf(app);
    expect(operations.length).toBeGreaterThan(50);
    const undeclared = operations.filter((op) => !declared.get(op.key)).map((op) => op.key);
    expect(undeclared).toEqual([]);
  });

  it('has a case for every operation, and none for operations that no longer exist', () => {
    const keys = new Set(operations.map((op) => op.key));
    expect(operations.map((op) => op.key).filter((key) => !CASES[key])).toEqual([]);
    expect(Object.keys(CASES).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('classifies each operation consistently with what it declares', () => {
    const declared = declarationsOf(app);
    const wrong: string[] = [];
    for (const op of operations) {
      const d = declared.get(op.key);
      const scope = CASES[op.key]?.scope;
      if ((scope === 'public') !== Boolean(d && 'public' in d)) wrong.push(`${op.key}: public ${scope}`);
      if (
        scope === 'national-only' &&
        !(
          d &&
          'permission' in d &&
          (Object.keys(ROLE_PERMISSIONS) as Role[]).every((r) => (r === Role.NATIONAL_ADMIN) === ROLE_PERMISSIONS[r].includes(d.permission))
        )
      ) {
        wrong.push(`${op.key}: not held by national admins alone`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses signed-out callers everything but the public operations', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const result = await call(app.client(), op, targets.get(INSIDE)!);
      const isPublic = CASES[op.key]?.scope === 'public';
      // The guard's refusal carries no reason; a public operation may still answer UNAUTHENTICATED with one (a wrong password).
      const refused = (result.errors ?? []).some(
        (e) => e.extensions?.code === 'FORBIDDEN' || (e.extensions?.code === 'UNAUTHENTICATED' && !e.extensions.reason),
      );
      if (isPublic === refused) failures.push(`${op.key}: ${JSON.stringify(codes(result))}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses each role what its roles do not permit, anywhere', async () => {
    const declared = declarationsOf(app);
    const failures: string[] = [];
    for (const op of operations) {
      const d = declared.get(op.key);
      if (!d || !('permission' in d || CASES[op.key]?.for)) continue;
      for (const caller of CALLERS) {
        if ((!('permission' in d) || ROLE_PERMISSIONS[caller.role].includes(d.permission)) && (CASES[op.key]?.for ?? [caller.role]).includes(caller.role))
          continue;
        const result = await call(agents.get(caller.role)!, op, targets.get(INSIDE)!);
        if (!codes(result).includes('FORBIDDEN')) failures.push(`${op.key} as ${caller.role}: ${JSON.stringify(codes(result))}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('serves each permitted role inside its subtree and refuses it (or shows nothing) just outside', async () => {
    const declared = declarationsOf(app);
    const failures: string[] = [];
    for (const op of operations) {
      const c = CASES[op.key];
      if (!c || c.scope === 'public') continue;
      const d = declared.get(op.key);
      for (const caller of CALLERS) {
        if (d && 'permission' in d && !ROLE_PERMISSIONS[caller.role].includes(d.permission)) continue;
        if (c.for && !c.for.includes(caller.role)) continue;
        const agent = agents.get(caller.role)!;
        const inside = await call(agent, op, targets.get(INSIDE)!);
        // Queries inside must be answered; a mutation may fail on the state earlier calls left (a role already revoked).
        const refusedInside = ['UNAUTHENTICATED', 'FORBIDDEN', ...(op.kind === 'query' ? ['NOT_FOUND'] : [])];
        if (codes(inside).some((code) => refusedInside.includes(code!))) failures.push(`${op.key} as ${caller.role} inside: ${JSON.stringify(inside.errors)}`);

        const outsideOds = outsideOf.get(caller.role);
        if (c.scope !== 'subtree' || !outsideOds) continue;
        const t = targets.get(outsideOds)!;
        if (c.shows) {
          const listed = await call(agent, op, t, c.shows.select);
          const shown = listed.data ? c.shows.ids(listed.data[op.field.name]) : [];
          if (shown.includes(c.shows.of(t))) failures.push(`${op.key} as ${caller.role} shows ${c.shows.of(t)}`);
          continue;
        }
        const outside = await call(agent, op, t);
        const refused = codes(outside).some((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND');
        const empty = outside.data?.[op.field.name] === null || CSV_ONLY_HEADER(outside.data?.[op.field.name]);
        if (!refused && !(op.kind === 'query' && empty && !outside.errors))
          failures.push(`${op.key} as ${caller.role} outside (${outsideOds}): ${JSON.stringify(outside.errors ?? outside.data)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
