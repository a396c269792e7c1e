import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Type } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BadUserInputError } from './errors';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
  isTotalCountCapped: boolean;
}

/** A count that stops at `cap`: lists that can reach a million rows must not count them all per request. */
export interface CappedCount {
  count: number;
  isCapped: boolean;
}

/** Relay connection type for a node type; one class per node so the schema names stay stable. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeClass {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeClass])
    edges!: EdgeClass[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many match; for the largest lists counted only up to a limit (see isTotalCountCapped)' })
    totalCount!: number;

    @Field({ description: 'True when more match than were counted: totalCount is then a lower bound' })
    isTotalCountCapped!: boolean;
  }
  return ConnectionClass;
}

/** A page of `first` nodes costs what one node costs, `first` times (graphql-query-complexity estimator). */
export const listComplexity = ({ args, childComplexity }: { args: { first?: number }; childComplexity: number }): number =>
  1 + childComplexity * Math.min(args.first ?? 20, 100);

/** Keyset cursors: opaque to clients, a sort key and a tie-breaking id to us. */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { sortKey: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((v) => typeof v === 'string')) {
      return { sortKey: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/** The one answer to an `after` cursor this service did not give out. */
export function invalidCursor(): BadUserInputError {
  return new BadUserInputError('The cursor is not valid.', { after: ['Use a cursor returned by an earlier page.'] });
}

/** Builds a connection from a page fetched with one extra row (first + 1) to learn whether more follow. */
export function toConnection<T>(rows: T[], first: number, totalCount: number | CappedCount, cursorOf: (row: T) => string): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  const counted = typeof totalCount === 'number' ? { count: totalCount, isCapped: false } : totalCount;
  return {
    edges,
    totalCount: counted.count,
    isTotalCountCapped: counted.isCapped,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}
