/**
 * What a course slug looks like (`understanding-sexual-misconduct`), for every input that names a
 * course. It lives here, beneath e-learning, certificates and reports alike, so that none of them
 * keeps its own copy.
 */
export const COURSE_SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
