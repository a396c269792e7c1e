// Starts every NHS.UK component on the page; a file rather than an inline module for the CSP.
import { initAll } from '/assets/nhsuk/nhsuk-frontend.min.js';

initAll();
