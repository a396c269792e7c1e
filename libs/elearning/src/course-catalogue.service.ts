import { Injectable } from '@nestjs/common';
import { CourseContentRepository } from './course-content.repository';
import { CourseOutlinesService, VersionOutline } from './course-outlines.service';
import { elearningError } from './elearning.errors';
import { CourseVersionContent } from './models/course.models';

/** The course as offered to new learners: its published version. */
@Injectable()
export class CourseCatalogueService {
  constructor(
    private readonly content: CourseContentRepository,
    private readonly outlines: CourseOutlinesService,
  ) {}

  async publishedCourse(slug: string): Promise<CourseVersionContent> {
    return (await this.publishedOutline(slug)).content;
  }

  /** Every course offered to new learners, each as its published version, by title. */
  async publishedCourses(): Promise<CourseVersionContent[]> {
    const slugs = await this.content.publishedSlugs();
    return Promise.all(slugs.map((slug) => this.publishedCourse(slug)));
  }

  /** Read on every call: which version is published changes, unlike the content of a version. */
  async publishedOutline(slug: string): Promise<VersionOutline> {
    const published = await this.content.publishedVersion(slug);
    if (!published) throw elearningError('CourseNotFound', 'There is no such course.');
    return this.outlines.of(published.version.id, published);
  }
}
