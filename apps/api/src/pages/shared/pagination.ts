import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Connection } from '@dasv/common';

export const PAGE_SIZE = 20;

/** Cursors are base64url; the trail joins the cursors of the pages before this one with dots. */
const CURSOR = /^[A-Za-z0-9_-]+$/;
const TRAIL = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Query string of a paginated, searchable list page. */
export class ListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'Search for 100 characters or fewer' })
  search?: string;

  @IsOptional()
  @IsString()
  @Matches(CURSOR, { message: 'The page link is not valid' })
  @MaxLength(400, { message: 'The page link is not valid' })
  after?: string;

  @IsOptional()
  @IsString()
  @Matches(TRAIL, { message: 'The page link is not valid' })
  @MaxLength(8000, { message: 'The page link is not valid' })
  trail?: string;
}

export interface PageLinks {
  from: number;
  to: number;
  total: number;
  pageNumber: number;
  pageCount: number;
  previous?: string;
  next?: string;
}

export const NO_PAGES: PageLinks = { from: 0, to: 0, total: 0, pageNumber: 1, pageCount: 1 };

/**
 * Previous and next links for keyset pagination. The service pages forwards only (after a cursor),
 * so each link carries the cursors of the pages before it: going back pops one, going on pushes one.
 */
export function pageLinks(path: string, query: ListQuery, connection: Connection<unknown>): PageLinks {
  const trail = query.trail ? query.trail.split('.') : [];
  const pageNumber = query.after ? trail.length + 2 : 1;
  const from = connection.edges.length ? (pageNumber - 1) * PAGE_SIZE + 1 : 0;
  const links: PageLinks = {
    from,
    to: from ? from + connection.edges.length - 1 : 0,
    total: connection.totalCount,
    pageNumber,
    pageCount: Math.max(1, Math.ceil(connection.totalCount / PAGE_SIZE)),
  };
  const search = query.search?.trim() || undefined;
  if (query.after) {
    links.previous = trail.length ? href(path, { search, after: trail[trail.length - 1], trail: trail.slice(0, -1).join('.') }) : href(path, { search });
  }
  if (connection.pageInfo.hasNextPage && connection.pageInfo.endCursor) {
    links.next = href(path, { search, after: connection.pageInfo.endCursor, trail: query.after ? [...trail, query.after].join('.') : undefined });
  }
  return links;
}

function href(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return query ? `${path}?${query}` : path;
}
