/**
 * What one export (a whole dashboard or directory as CSV) costs in the query-complexity limit: it
 * reads and formats every row in the caller's scope, so two fit in one request and a thousand
 * aliases of one are refused before any runs.
 */
export const EXPORT_COMPLEXITY = 2000;
