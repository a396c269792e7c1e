'use strict';
// Compiled code keeps the "@dasv/<lib>" imports of the sources; map them onto dist/libs at run time.
const path = require('node:path');
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: { '@dasv/*': ['libs/*/src'] },
});
