import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '@dasv/auth';
import { elearningError } from '../elearning.errors';
import { CourseVersionStatus } from '../course-version-status';
import { CourseAuthorsService } from './course-authors.service';
import { courseAuthoringError } from './course-authoring.errors';
import { CourseDraftRepository, VersionRow } from './course-draft.repository';
import { DraftDocument } from './draft-content';

/** The gate every change to a draft, publishing included, goes through first. */
@Injectable()
export class LockedDraftsService {
  constructor(
    private readonly authors: CourseAuthorsService,
    private readonly drafts: CourseDraftRepository,
  ) {}

  /**
   * The version named, locked until the transaction ends, if the caller may author courses and it
   * is still a draft. Published and retired versions are refused whatever the change: learners
   * are pinned to them, and their content is cached by version id for as long as a process runs.
   */
  async draft(me: AuthUser, manager: EntityManager, ref: { slug: string; version: number }): Promise<{ version: VersionRow; document: DraftDocument }> {
    await this.authors.require(me, manager);
    const version = await this.drafts.lockVersion(manager, ref.slug, ref.version);
    if (!version) {
      if (!(await this.drafts.findCourse(ref.slug, manager))) throw elearningError('CourseNotFound', 'There is no such course.');
      throw courseAuthoringError('VersionNotFound', `This course has no version ${ref.version}.`);
    }
    if (version.status !== CourseVersionStatus.DRAFT || !version.content) {
      throw courseAuthoringError(
        'VersionNotEditable',
        `Version ${version.number} is ${version.status.toLowerCase()} and can no longer be changed: create a draft to write the next version.`,
      );
    }
    return { version, document: new DraftDocument(version.content) };
  }
}
