// A deliberate breach for test/boundaries.spec.ts: a library importing an app. Never imported.
import { configureApp } from '../../../../../apps/api/src/setup';

export const breach = configureApp;
