import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UNDERSTANDING_SEXUAL_MISCONDUCT_V1 } from './content/understanding-sexual-misconduct.v1';
import { CoursePublisherService } from './course-publisher.service';

/** The courses every installation starts with. */
export const SEEDED_COURSES = [UNDERSTANDING_SEXUAL_MISCONDUCT_V1];

@Injectable()
export class CourseSeederService {
  constructor(private readonly publisher: CoursePublisherService) {}

  /** Returns how many versions were published by this run (0 when re-run). */
  async seed(manager: EntityManager): Promise<number> {
    let published = 0;
    for (const course of SEEDED_COURSES) if (await this.publisher.publish(manager, course)) published += 1;
    return published;
  }
}
