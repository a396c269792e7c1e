import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { EntityManager } from 'typeorm';
import { assertWellFormed, CourseContent } from './content/course-content';
import { CourseContentRepository } from './course-content.repository';
import { CourseVersionStatus } from './course-version-status';

/**
 * Publishes a version of a course from its content file. Publishing retires the previous version for
 * new learners only: enrolments keep the version they were pinned to. A version number already
 * present is left untouched, so re-running the seed changes nothing.
 */
@Injectable()
export class CoursePublisherService {
  constructor(
    private readonly content: CourseContentRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns the new version's id, or null when that version already existed. */
  async publish(manager: EntityManager, course: CourseContent): Promise<string | null> {
    assertWellFormed(course);
    const courseId = await this.content.ensureCourse(manager, course.slug, course.title);
    // Serialises two publishers of the same course (the api and a seed run, say) on the course row.
    await manager.query(`SELECT 1 FROM course WHERE id = $1 FOR UPDATE`, [courseId]);
    if (await this.content.hasVersion(manager, courseId, course.version)) return null;
    await this.content.retirePublished(manager, courseId);
    return this.content.insertVersion(manager, courseId, course, CourseVersionStatus.PUBLISHED, this.clock.now());
  }
}
