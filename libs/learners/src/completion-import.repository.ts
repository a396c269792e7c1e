import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The course an import is for; courses themselves belong to libs/elearning. */
@Injectable()
export class CompletionImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async courseIdBySlug(slug: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM course WHERE slug = $1`, [slug]);
    return rows[0]?.id ?? null;
  }
}
