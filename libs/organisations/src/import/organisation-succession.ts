import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';

/** A closed organisation and the one that took over its work, as an import has just recorded them. */
export interface OrganisationSuccession {
  predecessorId: string;
  successorId: string;
}

/** One thing moved from a predecessor to its successor (the end of the chain when the successor has closed too). */
export interface CarriedOver {
  fromOrganisationId: string;
  toOrganisationId: string;
  /** What it was, for the summary: "DASV lead", "ORG_ADMIN role", "open nomination request". */
  item: string;
}

/**
 * What another feature carries from closed organisations to their successors, inside the import's
 * transaction (libs/leads: current leads; libs/users: roles; libs/nominations: open requests).
 * libs/organisations cannot import the libraries built on it, so each marks its handler
 * @CarriesOverOnSuccession() and the import finds them all.
 */
export interface OrganisationSuccessionHandler {
  carryOver(manager: EntityManager, successions: OrganisationSuccession[]): Promise<CarriedOver[]>;
}

export const CarriesOverOnSuccession = DiscoveryService.createDecorator<void>();

/**
 * Which of some organisations have nobody administering them at the organisation itself, for the
 * import's report on new organisations. Provided by libs/users, which owns roles.
 */
export interface OrganisationAdministration {
  withoutAdministrator(manager: EntityManager, organisationIds: readonly string[]): Promise<string[]>;
}

export const ORGANISATION_ADMINISTRATION = Symbol('ORGANISATION_ADMINISTRATION');
